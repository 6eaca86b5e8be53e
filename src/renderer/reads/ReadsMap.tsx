/**
 * The reads a search found, on the shared base map (the agency's street map when configured, else
 * the offline state and county outlines): one dot per read, the selected one larger and ringed,
 * the map framed on what was found. Clicking a dot selects its read (and its table row). The map
 * is built once per theme; a new search only replaces the dots and reframes.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { SearchedRead } from '../../shared/protocol/index.js';
import maplibregl from '../map/maplibre.js';
import { loadBaseMap } from '../map/baseMap.js';
import { baseMapStyle } from '../map/baseMapStyle.js';
import { loadStreetMap } from '../map/streetMap.js';

type DotProps = { id: string; selected: boolean };

function dots(reads: readonly SearchedRead[], selectedId: string | undefined): FeatureCollection<Point, DotProps> {
  return {
    type: 'FeatureCollection',
    // The selected read last, so it is drawn over its neighbours.
    features: [...reads]
      .sort((a, b) => Number(a.id === selectedId) - Number(b.id === selectedId))
      .map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.location.lon, r.location.lat] }, properties: { id: r.id, selected: r.id === selectedId } })),
  };
}

/** Every read in view (nothing when there is none). */
function frame(m: MlMap, reads: readonly SearchedRead[]): void {
  if (reads.length === 0) return;
  const pts = reads.map((r) => [r.location.lon, r.location.lat] as [number, number]);
  const b = pts.reduce((acc, p) => acc.extend(p), new maplibregl.LngLatBounds(pts[0], pts[0]));
  m.fitBounds(b, { padding: 60, maxZoom: 11, duration: 0 });
}

/** Illinois, before anything is found. */
const ILLINOIS: [[number, number], [number, number]] = [[-91.6, 36.9], [-87.0, 42.6]];

/**
 * The page's theme, followed as it changes: the map's own colours (base map, dot rings) are not CSS,
 * so the map is drawn again in the new theme (as TimeChart does).
 */
function useDarkPage(): boolean {
  const root = document.documentElement;
  const [dark, setDark] = useState(() => root.dataset.theme !== 'light');
  useEffect(() => {
    const watch = new MutationObserver(() => setDark(root.dataset.theme !== 'light'));
    watch.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => watch.disconnect();
  }, [root]);
  return dark;
}

export default function ReadsMap({ reads, selectedId, onSelect }: { reads: readonly SearchedRead[]; selectedId?: string; onSelect: (id: string) => void }): React.JSX.Element {
  const dark = useDarkPage();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string>();
  const select = useRef(onSelect);
  select.current = onSelect;
  const shown = useRef(reads);
  shown.current = reads;

  useEffect(() => {
    let cancelled = false;
    void Promise.all([loadBaseMap(), loadStreetMap()])
      .then(([base, street]) => {
        if (cancelled || !box.current) return;
        // Said on the element, so a test (and a screenshot) can wait for the map of the current theme.
        box.current.dataset.dark = String(dark);
        box.current.removeAttribute('data-loaded');
        const style = baseMapStyle({ dark, outlines: base, ...(street.tiles ? { tiles: street.tiles } : {}) });
        const m = new maplibregl.Map({ container: box.current, style, bounds: ILLINOIS, attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true } });
        map.current = m;
        m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        m.on('load', () => {
          m.addSource('reads', { type: 'geojson', data: dots([], undefined) });
          m.addLayer({
            id: 'read-dots',
            type: 'circle',
            source: 'reads',
            paint: {
              'circle-radius': ['case', ['get', 'selected'], 11, 7],
              'circle-color': ['case', ['get', 'selected'], '#ffb300', '#1e88e5'],
              'circle-stroke-color': ['case', ['get', 'selected'], dark ? '#ffffff' : '#000000', dark ? '#0e1116' : '#ffffff'],
              'circle-stroke-width': ['case', ['get', 'selected'], 4, 1.5],
            },
          });
          m.on('click', 'read-dots', (e) => {
            const id = e.features?.[0]?.properties?.id;
            if (typeof id === 'string') select.current(id);
          });
          m.on('mouseenter', 'read-dots', () => (m.getCanvas().style.cursor = 'pointer'));
          m.on('mouseleave', 'read-dots', () => (m.getCanvas().style.cursor = ''));
          // A resized window (or a map drawn again in the other theme) frames the reads again.
          m.on('resize', () => frame(m, shown.current));
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

  // A new result: frame it.
  useEffect(() => {
    if (ready && map.current) frame(map.current, reads);
  }, [ready, reads]);

  useEffect(() => {
    if (!ready) return;
    (map.current?.getSource('reads') as GeoJSONSource | undefined)?.setData(dots(reads, selectedId));
    if (box.current) {
      box.current.dataset.points = String(reads.length);
      box.current.dataset.selected = selectedId ?? '';
    }
    const chosen = reads.find((r) => r.id === selectedId);
    // Bring the chosen read into view if it is out of it, without changing the user's zoom.
    const m = map.current;
    if (chosen && m && !m.getBounds().contains([chosen.location.lon, chosen.location.lat])) m.easeTo({ center: [chosen.location.lon, chosen.location.lat], duration: 0 });
  }, [ready, reads, selectedId]);

  return (
    <div className="map-wrap reads-map">
      <div ref={box} className="map" data-testid="reads-map" role="region" aria-label={`Map of the ${reads.length} reads found`} />
      <p className="map-legend">
        <span className="dot dot-read" aria-hidden="true" /> a read · <span className="dot dot-read-selected" aria-hidden="true" /> the read selected in the table
      </p>
      {error && <p className="map-error">Map: {error}</p>}
    </div>
  );
}
