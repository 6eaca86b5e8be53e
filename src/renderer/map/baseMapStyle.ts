/**
 * The one base map every map of the console draws on (the alert popup, the Zones workspace, the
 * Troop view): county and state outlines from us-atlas when the agency has no street map, or the
 * agency's PMTiles archive (roads with their names, water, boundaries, towns) when it has one, in a
 * day and a night look. Callers add their own layers (zones, cameras) on top.
 *
 * The archive is read in the Protomaps basemap layout (`earth`, `water`, `boundaries`, `roads`,
 * `places`, with `kind` and `name`/`ref`), the layout of the PMTiles extracts agencies can cut
 * for their state. The style has no `glyphs` URL on purpose: maplibre then draws label glyphs
 * itself from the desk's own fonts (TinySDF), so names render with no font server at all.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { BaseMap } from './baseMap.js';

export interface BaseMapStyleOptions {
  dark: boolean;
  /** The state and county outlines (loadBaseMap()). */
  outlines: BaseMap;
  /** The street map archive as `map:street` answers it (a path of the page's own origin), if any. */
  tiles?: string;
  /** The page's address, to make `tiles` absolute (the pmtiles protocol needs a full URL). */
  pageUrl?: string;
}

/** Source and layer ids callers may rely on (to put their layers above or below). */
export const STREET_SOURCE = 'street';
export const ROAD_LABEL_LAYER = 'road-label';
export const PLACE_LABEL_LAYER = 'place-label';

/** Fonts the desks have (Windows, then Debian): names are drawn from these, not downloaded. */
export const LABEL_FONT = ['Segoe UI Semibold', 'DejaVu Sans', 'Arial', 'sans-serif'];

interface Palette {
  background: string;
  land: string;
  water: string;
  county: string;
  state: string;
  highway: string;
  highwayCasing: string;
  major: string;
  minor: string;
  casing: string;
  label: string;
  labelHalo: string;
  place: string;
}

const DAY: Palette = {
  background: '#e8eef3',
  land: '#f4f2ec',
  water: '#b9d3e6',
  county: '#9aa9b8',
  state: '#38465a',
  highway: '#f0a03c',
  highwayCasing: '#a8641a',
  major: '#ffffff',
  minor: '#ffffff',
  casing: '#9d9482',
  label: '#1d2633',
  labelHalo: '#ffffff',
  place: '#2a3442',
};

// Night: dim enough for a dark dispatch room, the roads still told apart from the land.
const NIGHT: Palette = {
  background: '#1b2230',
  land: '#222b3a',
  water: '#15293d',
  county: '#5a6b86',
  state: '#c9d4e5',
  highway: '#b07a2a',
  highwayCasing: '#3d2a10',
  major: '#6d7a90',
  minor: '#4a5568',
  casing: '#151b26',
  label: '#e6ecf5',
  labelHalo: '#111722',
  place: '#f2f5fa',
};

export function baseMapStyle(options: BaseMapStyleOptions): StyleSpecification {
  const p = options.dark ? NIGHT : DAY;
  if (!options.tiles) return outlineStyle(options.outlines, p);
  // The page's own address in a browser; the unit tests (Node) pass it.
  const page = options.pageUrl ?? (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(options.tiles, page).href;
  return {
    version: 8,
    sources: { [STREET_SOURCE]: { type: 'vector', url: `pmtiles://${url}` } },
    layers: streetLayers(p),
  };
}

function outlineStyle(base: BaseMap, p: Palette): StyleSpecification {
  return {
    version: 8,
    sources: {
      counties: { type: 'geojson', data: base.counties },
      states: { type: 'geojson', data: base.states },
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': p.background } },
      { id: 'county-fill', type: 'fill', source: 'counties', paint: { 'fill-color': p === NIGHT ? '#253044' : '#f7f9fb' } },
      { id: 'county-line', type: 'line', source: 'counties', paint: { 'line-color': p.county, 'line-width': 1 } },
      { id: 'state-line', type: 'line', source: 'states', paint: { 'line-color': p.state, 'line-width': 2.5 } },
    ],
  };
}

const kindIs = (...kinds: string[]): ExpressionSpecification => ['match', ['get', 'kind'], kinds, true, false];

/** Road width by zoom: thin at state scale, wide enough to follow at street scale. */
function width(at7: number, at12: number, at16: number): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.6], ['zoom'], 7, at7, 12, at12, 16, at16];
}

function streetLayers(p: Palette): LayerSpecification[] {
  const s = STREET_SOURCE;
  return [
    { id: 'bg', type: 'background', paint: { 'background-color': p.water } },
    { id: 'earth', type: 'fill', source: s, 'source-layer': 'earth', paint: { 'fill-color': p.land } },
    { id: 'water', type: 'fill', source: s, 'source-layer': 'water', paint: { 'fill-color': p.water } },
    {
      id: 'county-line',
      type: 'line',
      source: s,
      'source-layer': 'boundaries',
      filter: ['!', kindIs('country', 'region')],
      paint: { 'line-color': p.county, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    { id: 'state-line', type: 'line', source: s, 'source-layer': 'boundaries', filter: kindIs('country', 'region'), paint: { 'line-color': p.state, 'line-width': 2.5 } },
    { id: 'road-minor-casing', type: 'line', source: s, 'source-layer': 'roads', minzoom: 11, filter: kindIs('minor_road', 'medium_road'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.casing, 'line-width': width(0.5, 3, 12) } },
    { id: 'road-minor', type: 'line', source: s, 'source-layer': 'roads', minzoom: 9, filter: kindIs('minor_road', 'medium_road'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.minor, 'line-width': width(0.4, 2, 10) } },
    { id: 'road-major-casing', type: 'line', source: s, 'source-layer': 'roads', filter: kindIs('major_road'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.casing, 'line-width': width(1.2, 5, 16) } },
    { id: 'road-major', type: 'line', source: s, 'source-layer': 'roads', filter: kindIs('major_road'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.major, 'line-width': width(0.8, 3.5, 13) } },
    { id: 'road-highway-casing', type: 'line', source: s, 'source-layer': 'roads', filter: kindIs('highway'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.highwayCasing, 'line-width': width(2, 7, 20) } },
    { id: 'road-highway', type: 'line', source: s, 'source-layer': 'roads', filter: kindIs('highway'), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': p.highway, 'line-width': width(1.2, 5, 16) } },
    {
      id: ROAD_LABEL_LAYER,
      type: 'symbol',
      source: s,
      'source-layer': 'roads',
      minzoom: 7,
      filter: ['any', kindIs('highway', 'major_road'), ['>=', ['zoom'], 11]],
      layout: {
        'symbol-placement': 'line',
        // An expressway is known by its number ("I-94"); a street by its name.
        'text-field': ['case', kindIs('highway'), ['coalesce', ['get', 'ref'], ['get', 'name']], ['coalesce', ['get', 'name'], ['get', 'ref']]],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 12, 14, 15],
        'symbol-spacing': 320,
        'text-max-angle': 35,
      },
      paint: { 'text-color': p.label, 'text-halo-color': p.labelHalo, 'text-halo-width': 2 },
    },
    {
      id: PLACE_LABEL_LAYER,
      type: 'symbol',
      source: s,
      'source-layer': 'places',
      minzoom: 6,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 6, 12, 12, 17], 'text-anchor': 'center' },
      paint: { 'text-color': p.place, 'text-halo-color': p.labelHalo, 'text-halo-width': 2 },
    },
  ];
}
