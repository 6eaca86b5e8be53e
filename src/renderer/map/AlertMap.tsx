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
import { loadBaseMap } from './baseMap.js';
import { baseMapStyle, ROAD_LABEL_LAYER, STREET_SOURCE } from './baseMapStyle.js';
import { roadNames } from './roadNames.js';
import { loadStreetMap } from './streetMap.js';
import { countyAt } from './countyAt.js';

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

function cameraElement(heading: number | undefined): HTMLElement {
  const el = document.createElement('div');
  el.className = 'camera-marker';
  el.dataset.testid = 'camera-marker';
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', heading === undefined ? 'Camera position' : `Camera position, travel heading ${heading} degrees`);
  // The arrow points along the direction of travel; a plain dot when the camera gave none.
  el.innerHTML =
    heading === undefined
      ? '<svg viewBox="0 0 40 40" width="40" height="40"><circle cx="20" cy="20" r="9" fill="#e53935" stroke="#fff" stroke-width="3"/></svg>'
      : '<svg viewBox="0 0 40 40" width="40" height="40"><path d="M20 2 31 30 20 24 9 30z" fill="#e53935" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/></svg>';
  // Set through the CSSOM: the strict CSP forbids inline style attributes in markup.
  const svg = el.querySelector('svg');
  if (svg && heading !== undefined) svg.style.transform = `rotate(${heading}deg)`;
  return el;
}

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
  const drawn = useRef<MlMap | undefined>(undefined);

  useEffect(() => {
    let map: MlMap | undefined;
    let cancelled = false;
    void Promise.all([loadBaseMap(), styleUrl || streetFailed ? Promise.resolve(undefined) : loadStreetMap()])
      .then(([base, street]) => {
        if (cancelled || !box.current) return;
        onCounty(countyAt(base, lon, lat));
        const tiles = street?.tiles;
        box.current.dataset.streetMap = tiles ? 'on' : 'off';
        delete box.current.dataset.roadLabels;
        map = new maplibregl.Map({
          container: box.current,
          style: styleUrl ?? baseMapStyle({ dark, outlines: base, ...(tiles ? { tiles } : {}) }),
          center: [lon, lat],
          // Streets when there is a street map (placing the camera); the county around it otherwise.
          zoom: tiles ? 11 : 9,
          attributionControl: false,
          // Kept so the drawn map can be read back (tests check that it is not blank).
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        const m = map;
        m.on('load', () => {
          if (styleUrl) {
            m.addSource('states', { type: 'geojson', data: base.states });
            m.addLayer({ id: 'state-line', type: 'line', source: 'states', paint: { 'line-color': '#38465a', 'line-width': 2 } });
          }
          addZones(m, zonesNow.current);
          drawn.current = m;
          box.current?.setAttribute('data-loaded', 'true');
        });
        m.on('idle', () => {
          if (tiles && box.current) box.current.dataset.roadLabels = roadNames(m).join('|');
        });
        m.on('error', (e) => {
          if (tiles && (e as { sourceId?: string }).sourceId === STREET_SOURCE) {
            // The archive is gone or unreadable: the outlines still place the camera.
            setStreetFailed(true);
            return;
          }
          setError(e.error?.message ?? 'map error');
        });
        new maplibregl.Marker({ element: cameraElement(hit.heading) }).setLngLat([lon, lat]).addTo(m);
      })
      .catch((err: Error) => setError(err.message));
    return () => {
      cancelled = true;
      drawn.current = undefined;
      map?.remove();
    };
    // The map is rebuilt only when the alert (its place) or the look changes; zones are replaced below.
  }, [hit.id, lat, lon, hit.heading, styleUrl, dark, streetFailed]);

  useEffect(() => {
    (drawn.current?.getSource('zones') as GeoJSONSource | undefined)?.setData(zonesGeoJson(zones));
  }, [zones]);

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
