/**
 * The workspace map's own layers over the offline base map: every zone (filled and outlined,
 * inactive ones dashed and grey), the history overlay (a version before and after a change), the
 * counties picked for "start from a county", and the rings with a problem (red).
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MlMap, StyleSpecification } from 'maplibre-gl';
import type { Zone, ZoneGeometry } from '../../shared/protocol/zone.js';
import type { BaseMap } from '../map/baseMap.js';
import { baseMapStyle } from '../map/baseMapStyle.js';

type Collection = FeatureCollection<Geometry, Record<string, unknown>>;
const EMPTY: Collection = { type: 'FeatureCollection', features: [] };

export type CountyFeature = Feature<Polygon | MultiPolygon, { name: string; state: string; fips: string }>;

let withFips: { base: BaseMap; counties: FeatureCollection<Polygon | MultiPolygon, CountyFeature['properties']> } | undefined;

/** The county outlines with their FIPS code as a property, so a click on the map names one. */
export function countiesOf(base: BaseMap): FeatureCollection<Polygon | MultiPolygon, CountyFeature['properties']> {
  if (withFips?.base !== base) {
    withFips = {
      base,
      counties: { type: 'FeatureCollection', features: base.counties.features.map((f) => ({ ...f, properties: { ...f.properties, fips: String(f.id) } })) },
    };
  }
  return withFips.counties;
}

/**
 * The workspace's base: the agency's street map when one is configured (`tiles`, as `map:street`
 * answers it), so a dispatcher can follow an expressway; else the county and state outlines. The
 * counties are a source either way: "start from a county" picks one by a click on `county-fill`,
 * which over the streets is invisible (the archive draws its own county lines).
 */
export function baseStyle(base: BaseMap, dark: boolean, tiles?: string): StyleSpecification {
  if (tiles) {
    const street = baseMapStyle({ dark, outlines: base, tiles });
    return {
      ...street,
      sources: { ...street.sources, counties: { type: 'geojson', data: countiesOf(base) } },
      layers: [...street.layers.slice(0, 1), { id: 'county-fill', type: 'fill', source: 'counties', paint: { 'fill-opacity': 0 } }, ...street.layers.slice(1)],
    };
  }
  return {
    version: 8,
    sources: {
      counties: { type: 'geojson', data: countiesOf(base) },
      states: { type: 'geojson', data: base.states },
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': dark ? '#1b2230' : '#e8eef3' } },
      { id: 'county-fill', type: 'fill', source: 'counties', paint: { 'fill-color': dark ? '#253044' : '#f7f9fb' } },
      { id: 'county-line', type: 'line', source: 'counties', paint: { 'line-color': dark ? '#4a5a73' : '#aab6c3', 'line-width': 1 } },
      { id: 'state-line', type: 'line', source: 'states', paint: { 'line-color': dark ? '#c9d4e5' : '#38465a', 'line-width': 2.5 } },
    ],
  };
}

export function zonesCollection(zones: readonly Zone[], hiddenId?: string): Collection {
  return {
    type: 'FeatureCollection',
    features: zones
      .filter((z) => z.id !== hiddenId)
      .map((z, i): Feature<Geometry, Record<string, unknown>> => ({ type: 'Feature', id: i + 1, geometry: z.geometry as Geometry, properties: { zoneId: z.id, active: z.active } })),
  };
}

const geometryFeature = (g: ZoneGeometry | null | undefined, kind: string): Feature<Geometry, Record<string, unknown>>[] =>
  g ? [{ type: 'Feature', geometry: g as Polygon | MultiPolygon, properties: { kind } }] : [];

export function addWorkspaceLayers(map: MlMap, dark: boolean): void {
  const line = dark ? '#8cc4ff' : '#0b57d0';
  map.addSource('zones', { type: 'geojson', data: EMPTY });
  map.addSource('history', { type: 'geojson', data: EMPTY });
  map.addSource('picked', { type: 'geojson', data: EMPTY });
  map.addSource('problem-rings', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'zone-fill', type: 'fill', source: 'zones', paint: { 'fill-color': ['case', ['get', 'active'], '#1e88e5', '#8a94a6'], 'fill-opacity': ['case', ['get', 'active'], 0.16, 0.08] } });
  map.addLayer({ id: 'zone-line', type: 'line', source: 'zones', filter: ['==', ['get', 'active'], true], paint: { 'line-color': line, 'line-width': 2 } });
  map.addLayer({ id: 'zone-line-inactive', type: 'line', source: 'zones', filter: ['==', ['get', 'active'], false], paint: { 'line-color': dark ? '#b3bdcc' : '#4a5565', 'line-width': 2, 'line-dasharray': [2, 2] } });
  map.addLayer({ id: 'picked-fill', type: 'fill', source: 'picked', paint: { 'fill-color': '#ffb300', 'fill-opacity': 0.35 } });
  map.addLayer({ id: 'picked-line', type: 'line', source: 'picked', paint: { 'line-color': '#ff8f00', 'line-width': 2 } });
  map.addLayer({ id: 'history-before', type: 'line', source: 'history', filter: ['==', ['get', 'kind'], 'before'], paint: { 'line-color': '#ff7043', 'line-width': 3, 'line-dasharray': [2, 1.5] } });
  map.addLayer({ id: 'history-after-fill', type: 'fill', source: 'history', filter: ['==', ['get', 'kind'], 'after'], paint: { 'fill-color': '#43a047', 'fill-opacity': 0.2 } });
  map.addLayer({ id: 'history-after', type: 'line', source: 'history', filter: ['==', ['get', 'kind'], 'after'], paint: { 'line-color': '#2e7d32', 'line-width': 3 } });
  map.addLayer({ id: 'problem-line', type: 'line', source: 'problem-rings', paint: { 'line-color': '#ff1744', 'line-width': 5, 'line-opacity': 0.9 } });
}

function setData(map: MlMap, id: string, data: Collection): void {
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

export function showZones(map: MlMap, zones: readonly Zone[], hiddenId?: string): void {
  setData(map, 'zones', zonesCollection(zones, hiddenId));
}

export function showHistory(map: MlMap, before: ZoneGeometry | null | undefined, after: ZoneGeometry | null | undefined): void {
  setData(map, 'history', { type: 'FeatureCollection', features: [...geometryFeature(before, 'before'), ...geometryFeature(after, 'after')] });
}

export function showPicked(map: MlMap, outlines: readonly (Polygon | MultiPolygon)[]): void {
  setData(map, 'picked', { type: 'FeatureCollection', features: outlines.map((g) => ({ type: 'Feature', geometry: g, properties: {} })) });
}

export function showProblemRings(map: MlMap, rings: readonly [number, number][][]): void {
  setData(map, 'problem-rings', { type: 'FeatureCollection', features: rings.map((r) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: r }, properties: {} })) });
}
