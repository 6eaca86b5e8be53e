/**
 * Where the camera is: its position and heading over the agency's street map (PMTiles, offline)
 * or, without one, state and county outlines, with the user's zones; or over the agency's tiles
 * when a style URL is configured. The county name is reported to the popup (it goes into "Copy for
 * report"). An archive that cannot be read falls back to the outlines, with a note.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Hit } from '../../shared/protocol/hit.js';
import type { Zone } from '../../shared/protocol/zone.js';
import maplibregl from './maplibre.js';
import { loadBaseMap, type BaseMap } from './baseMap.js';
import { baseMapStyle, ROAD_LABEL_LAYER, STREET_SOURCE } from './baseMapStyle.js';
import { roadNames } from './roadNames.js';
import { loadStreetMap } from './streetMap.js';
import { countyAt } from './countyAt.js';
import { attach, park, takeParked, type KeptMap } from './keptMap.js';

function zonesGeoJson(zones: Zone[]): FeatureCollection<Geometry, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: zones.filter((z) => z.active).map((z) => ({ type: 'Feature', geometry: z.geometry as Geometry, properties: { name: z.name } })),
  };
}

function addZones(map: MlMap, zones: Zone[]): void {
  // Under the road names, so a zone's tint never hides the expressway a trooper reads.
  const below = map.getLayer(ROAD_LABEL_LAYER) ? ROAD_LABEL_LAYER : undefined;
  map.addSource('zones', { type: 'geojson', data: zonesGeoJson(zones) });
  map.addLayer({ id: 'zone-fill', type: 'fill', source: 'zones', paint: { 'fill-color': '#1e88e5', 'fill-opacity': 0.12 } }, below);
  map.addLayer({ id: 'zone-line', type: 'line', source: 'zones', paint: { 'line-color': '#1e88e5', 'line-width': 2, 'line-dasharray': [2, 1] } }, below);
}

/** Draws the camera marker: an arrow along the direction of travel, a plain dot when the camera gave none. */
function drawCamera(el: HTMLElement, heading: number | undefined): void {
  el.setAttribute('aria-label', heading === undefined ? 'Camera position' : `Camera position, travel heading ${heading} degrees`);
  el.innerHTML =
    heading === undefined
      ? '<svg viewBox="0 0 40 40" width="40" height="40"><circle cx="20" cy="20" r="9" fill="#e53935" stroke="#fff" stroke-width="3"/></svg>'
      : '<svg viewBox="0 0 40 40" width="40" height="40"><path d="M20 2 31 30 20 24 9 30z" fill="#e53935" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/></svg>';
  // Set through the CSSOM: the strict CSP forbids inline style attributes in markup.
  const svg = el.querySelector('svg');
  if (svg && heading !== undefined) svg.style.transform = `rotate(${heading}deg)`;
}

interface Look {
  styleUrl: string | undefined;
  dark: boolean;
  base: BaseMap;
  tiles: string | undefined;
}

/** A new map for a look, centred on the hit; its events go to whichever AlertMap holds it. */
function buildMap(key: string, look: Look, hit: Hit): KeptMap {
  const container = document.createElement('div');
  container.className = 'map-canvas';
  const { lat, lon } = hit.location;
  const map = new maplibregl.Map({
    container,
    style: look.styleUrl ?? baseMapStyle({ dark: look.dark, outlines: look.base, ...(look.tiles ? { tiles: look.tiles } : {}) }),
    center: [lon, lat],
    zoom: startZoom(look.tiles),
    attributionControl: false,
    // Kept so the drawn map can be read back (tests check that it is not blank).
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  const el = document.createElement('div');
  el.className = 'camera-marker';
  el.dataset.testid = 'camera-marker';
  el.setAttribute('role', 'img');
  drawCamera(el, hit.heading);
  const marker = new maplibregl.Marker({ element: el }).setLngLat([lon, lat]).addTo(map);
  const kept: KeptMap = { look: key, map, marker, container, zoom: startZoom(look.tiles), loaded: false, failed: false, host: undefined };
  map.on('load', () => {
    if (look.styleUrl) {
      map.addSource('states', { type: 'geojson', data: look.base.states });
      map.addLayer({ id: 'state-line', type: 'line', source: 'states', paint: { 'line-color': '#38465a', 'line-width': 2 } });
    }
    addZones(map, kept.host?.zones() ?? []);
    kept.loaded = true;
    kept.host?.loaded();
  });
  map.on('idle', () => kept.host?.idle());
  map.on('error', (e) => {
    const street = Boolean(look.tiles) && (e as { sourceId?: string }).sourceId === STREET_SOURCE;
    if (street) kept.failed = true;
    kept.host?.error(e.error?.message ?? 'map error', street);
  });
  return kept;
}

/** Streets when there is a street map (placing the camera); the county around it otherwise. */
const startZoom = (tiles: string | undefined) => (tiles ? 11 : 9);

export default function AlertMap({ hit, zones, styleUrl, dark, onCounty }: { hit: Hit; zones: Zone[]; styleUrl?: string; dark: boolean; onCounty: (name: string | undefined) => void }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const [streetFailed, setStreetFailed] = useState(false);
  const { lat, lon } = hit.location;
  // The zones are drawn from the latest ones when the map loads, and replaced in place when they change:
  // every refresh of the desk's state hands over a new array, and rebuilding the map for each one kept a
  // busy machine from ever finishing the first frame.
  const zonesNow = useRef(zones);
  zonesNow.current = zones;
  const hitNow = useRef(hit);
  hitNow.current = hit;
  const [held, setHeld] = useState<KeptMap>();

  // The map for this look: the one kept from the last alert, or a new one.
  useEffect(() => {
    let mine: KeptMap | undefined;
    let cancelled = false;
    void Promise.all([loadBaseMap(), styleUrl || streetFailed ? Promise.resolve(undefined) : loadStreetMap()])
      .then(([base, street]) => {
        const at = box.current;
        if (cancelled || !at) return;
        const tiles = street?.tiles;
        const key = JSON.stringify([styleUrl ?? null, dark, tiles ?? null]);
        mine = takeParked(key) ?? buildMap(key, { styleUrl, dark, base, tiles }, hitNow.current);
        at.dataset.streetMap = tiles ? 'on' : 'off';
        attach(mine, {
          box: at,
          zones: () => zonesNow.current,
          loaded: () => at.setAttribute('data-loaded', 'true'),
          idle: () => {
            if (tiles && mine) at.dataset.roadLabels = roadNames(mine.map).join('|');
          },
          error: (message, street) => (street ? setStreetFailed(true) : setError(message)),
        });
        setHeld(mine);
      })
      .catch((err: Error) => setError(err.message));
    return () => {
      cancelled = true;
      setHeld(undefined);
      if (mine) park(mine);
    };
  }, [styleUrl, dark, streetFailed]);

  // The camera of this alert: the view and the marker moved to it (one frame, not a new map).
  useEffect(() => {
    if (!held) return;
    const { map, marker } = held;
    delete box.current?.dataset.roadLabels;
    // Each alert starts at the camera, north up, whatever the trooper did with the last one's view.
    map.jumpTo({ center: [lon, lat], zoom: held.zoom, bearing: 0, pitch: 0 });
    marker.setLngLat([lon, lat]);
    drawCamera(marker.getElement(), hit.heading);
    // Drawn again even when nothing moved, so the road names are read for this alert.
    map.triggerRepaint();
  }, [held, hit.id, lat, lon, hit.heading]);

  useEffect(() => {
    let cancelled = false;
    void loadBaseMap().then((base) => {
      if (!cancelled) onCounty(countyAt(base, lon, lat));
    });
    return () => {
      cancelled = true;
    };
  }, [lat, lon, onCounty]);

  useEffect(() => {
    if (held?.loaded) (held.map.getSource('zones') as GeoJSONSource | undefined)?.setData(zonesGeoJson(zones));
  }, [zones, held]);

  return (
    <div className="map-wrap">
      <div ref={box} className="map" data-testid="map" role="region" aria-label={`Map of the camera position ${lat.toFixed(4)}, ${lon.toFixed(4)}`} />
      <p className="map-legend">
        <span className="legend-arrow" aria-hidden="true">▲</span> camera, pointing the way the vehicle travelled
        {zones.some((z) => z.active) && (
          <>
            {' · '}
            <span className="legend-zone" aria-hidden="true" /> your zones
          </>
        )}
      </p>
      {streetFailed && <p className="map-error">The street map could not be read; county outlines are shown.</p>}
      {error && <p className="map-error">Map: {error}</p>}
    </div>
  );
}
