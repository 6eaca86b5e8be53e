/**
 * The Troop's alerts on the map: one dot per alert over the shared base map (the agency's street
 * map when configured, else the offline state and county outlines),
 * red and large while nobody has acknowledged it, amber while open, grey once closed; the selected
 * one ringed. Clicking a dot selects its alert. The map is built once; new data only replaces the
 * dots, so a live update never resets the dispatcher's pan and zoom.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import maplibregl from '../map/maplibre.js';
import { loadBaseMap } from '../map/baseMap.js';
import { baseMapStyle } from '../map/baseMapStyle.js';
import { loadStreetMap } from '../map/streetMap.js';
import type { TroopRow } from './troopModel.js';

type DotProps = { id: string; standing: string; selected: boolean };

function dots(rows: readonly TroopRow[], selectedId: string | undefined): FeatureCollection<Point, DotProps> {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.item.alert.hit.location.lon, r.item.alert.hit.location.lat] },
      properties: { id: r.item.alert.id, standing: r.standing, selected: r.item.alert.id === selectedId },
    })),
  };
}

/** Illinois, for a Troop with no alerts yet. */
const ILLINOIS: [[number, number], [number, number]] = [[-91.6, 36.9], [-87.0, 42.6]];

export function TroopMap({ rows, selectedId, onSelect, dark }: { rows: readonly TroopRow[]; selectedId?: string; onSelect: (id: string) => void; dark: boolean }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string>();
  const select = useRef(onSelect);
  select.current = onSelect;
  const first = useRef(rows);
  first.current = rows;

  useEffect(() => {
    let cancelled = false;
    void Promise.all([loadBaseMap(), loadStreetMap()])
      .then(([base, street]) => {
        if (cancelled || !box.current) return;
        const style = baseMapStyle({ dark, outlines: base, ...(street.tiles ? { tiles: street.tiles } : {}) });
        const m = new maplibregl.Map({ container: box.current, style, bounds: ILLINOIS, attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true } });
        map.current = m;
        m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          m.addSource('alerts', { type: 'geojson', data: dots([], undefined) });
          m.addLayer({
            id: 'alert-dots',
            type: 'circle',
            source: 'alerts',
            paint: {
              'circle-radius': ['match', ['get', 'standing'], 'unacknowledged', 10, 7],
              'circle-color': ['match', ['get', 'standing'], 'unacknowledged', '#e53935', 'open', '#ffb300', '#90a4ae'],
              'circle-stroke-color': ['case', ['get', 'selected'], dark ? '#ffffff' : '#000000', dark ? '#0e1116' : '#ffffff'],
              'circle-stroke-width': ['case', ['get', 'selected'], 4, 1.5],
            },
          });
          m.on('click', 'alert-dots', (e) => {
            const id = e.features?.[0]?.properties?.id;
            if (typeof id === 'string') select.current(id);
          });
          m.on('mouseenter', 'alert-dots', () => (m.getCanvas().style.cursor = 'pointer'));
          m.on('mouseleave', 'alert-dots', () => (m.getCanvas().style.cursor = ''));
          const pts = first.current.map((r) => [r.item.alert.hit.location.lon, r.item.alert.hit.location.lat] as [number, number]);
          if (pts.length > 0) {
            const b = pts.reduce((acc, p) => acc.extend(p), new maplibregl.LngLatBounds(pts[0], pts[0]));
            m.fitBounds(b, { padding: 80, maxZoom: 8, duration: 0 });
          }
          box.current?.setAttribute('data-loaded', 'true');
          setReady(true);
        });
        m.on('error', (e) => setError(e.error?.message ?? 'map error'));
      })
      .catch((err: Error) => setError(err.message));
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = undefined;
      setReady(false);
    };
  }, [dark]);

  useEffect(() => {
    if (!ready) return;
    (map.current?.getSource('alerts') as GeoJSONSource | undefined)?.setData(dots(rows, selectedId));
  }, [ready, rows, selectedId]);

  const unacked = rows.filter((r) => r.standing === 'unacknowledged').length;
  return (
    <div className="map-wrap troop-map">
      <div ref={box} className="map" data-testid="troop-map" role="region" aria-label={`Map of the Troop's ${rows.length} alerts, ${unacked} not acknowledged by anyone`} />
      <p className="map-legend">
        <span className="dot dot-unacknowledged" aria-hidden="true" /> nobody has acknowledged · <span className="dot dot-open" aria-hidden="true" /> open ·{' '}
        <span className="dot dot-closed" aria-hidden="true" /> closed
      </p>
      {error && <p className="map-error">Map: {error}</p>}
    </div>
  );
}
