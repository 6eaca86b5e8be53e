/**
 * The workspace's large map: every zone drawn and labelled, the zone being edited in terra-draw,
 * and the marks the editor asks for (problems, history, picked counties). The map is built once
 * per theme; everything else is pushed into its sources, so editing never rebuilds it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Map as MlMap, Marker } from 'maplibre-gl';
import type { TerraDraw } from 'terra-draw';
import type { Zone, ZoneGeometry } from '../../shared/protocol/zone.js';
import maplibregl from '../map/maplibre.js';
import { loadBaseMap, type BaseMap } from '../map/baseMap.js';
import { STREET_SOURCE } from '../map/baseMapStyle.js';
import { loadStreetMap } from '../map/streetMap.js';
import { roadNames } from '../map/roadNames.js';
import { addWorkspaceLayers, baseStyle, countiesOf, showHistory, showPicked, showProblemRings, showZones, type CountyFeature } from './mapLayers.js';
import { startDraw, loadRings, ringsIn, type DrawTool } from './draw.js';
import { updateLabels } from './labels.js';
import { boundsOfRings, type DraftRing } from './model/rings.js';
import type { Problem } from './model/problems.js';

export type MapTool = DrawTool | 'pick-point' | 'pick-county';

export interface ZoneMapProps {
  dark: boolean;
  zones: readonly Zone[];
  /** Set while a zone is edited ('' for a new one); that zone is drawn by terra-draw, not with the others. */
  editingId?: string;
  /** Rings to put into terra-draw; a new `key` replaces what it holds (and fits the view when `fit`). */
  load: { key: number; rings: DraftRing[]; fit: boolean };
  tool: MapTool;
  problems: readonly Problem[];
  history?: { before: ZoneGeometry | null; after: ZoneGeometry | null };
  picked: readonly CountyFeature[];
  onRings: (rings: DraftRing[]) => void;
  /** A ring was finished with the polygon or hole tool. */
  onFinish: () => void;
  onPickPoint: (lon: number, lat: number) => void;
  onPickCounty: (county: CountyFeature) => void;
  onOpenZone: (id: string) => void;
  /** The ring selected for editing (select mode), or undefined. */
  onSelectRing: (id: string | undefined) => void;
}

const ILLINOIS: [number, number, number, number] = [-91.6, 36.9, -87.0, 42.6];

export function ZoneMap(props: ZoneMapProps): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap>(undefined);
  const draw = useRef<TerraDraw>(undefined);
  const base = useRef<BaseMap>(undefined);
  const latest = useRef(props);
  latest.current = props;
  const [ready, setReady] = useState(0);
  const [error, setError] = useState<string>();
  const [streetFailed, setStreetFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let m: MlMap | undefined;
    const labels: Marker[] = [];
    // The agency's street map when one is set (as the alert map draws it), else the outlines.
    void Promise.all([loadBaseMap(), streetFailed ? Promise.resolve(undefined) : loadStreetMap()])
      .then(([b, street]) => {
        if (cancelled || !box.current) return;
        base.current = b;
        const tiles = street?.tiles;
        box.current.dataset.streetMap = tiles ? 'on' : 'off';
        m = new maplibregl.Map({
          container: box.current,
          style: baseStyle(b, props.dark, tiles),
          bounds: ILLINOIS,
          attributionControl: false,
          // Kept so tests and the benchmark can read the drawn map back.
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        map.current = m;
        m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        m.addControl(new maplibregl.ScaleControl({ unit: 'imperial' }), 'bottom-left');
        const mm = m;
        mm.on('load', () => {
          addWorkspaceLayers(mm, props.dark);
          const d = startDraw(mm);
          draw.current = d;
          // A drag fires a change per mouse move: read the rings once per frame at most.
          let queued = false;
          d.on('change', () => {
            if (queued) return;
            queued = true;
            requestAnimationFrame(() => {
              queued = false;
              latest.current.onRings(ringsIn(d));
            });
          });
          d.on('select', (id) => latest.current.onSelectRing(String(id)));
          d.on('deselect', () => latest.current.onSelectRing(undefined));
          d.on('finish', (_id, context) => {
            if (context.mode === 'polygon' || context.mode === 'hole') latest.current.onFinish();
          });
          mm.on('moveend', () => updateLabels(mm, latest.current.zones, latest.current.editingId, labels));
          mm.on('idle', () => {
            if (tiles && box.current) box.current.dataset.roadLabels = roadNames(mm).join('|');
          });
          box.current?.setAttribute('data-loaded', 'true');
          setReady((r) => r + 1);
        });
        mm.on('click', (e) => {
          const p = latest.current;
          if (p.tool === 'pick-point') p.onPickPoint(e.lngLat.lng, e.lngLat.lat);
          else if (p.tool === 'pick-county') {
            const hit = mm.queryRenderedFeatures(e.point, { layers: ['county-fill'] })[0];
            const fips = hit?.properties?.fips as string | undefined;
            const county = fips ? countiesOf(b).features.find((f) => f.properties.fips === fips) : undefined;
            if (county) p.onPickCounty(county);
          } else if (p.tool === 'static' && p.editingId === undefined) {
            const zone = mm.queryRenderedFeatures(e.point, { layers: ['zone-fill'] })[0];
            const id = zone?.properties?.zoneId as string | undefined;
            if (id) p.onOpenZone(id);
          }
        });
        mm.on('error', (e) => {
          if (tiles && (e as { sourceId?: string }).sourceId === STREET_SOURCE) {
            // The archive is gone or unreadable: the outlines still let zones be drawn.
            setStreetFailed(true);
            return;
          }
          setError(e.error?.message ?? 'map error');
        });
      })
      .catch((err: Error) => setError(err.message));
    return () => {
      cancelled = true;
      labels.forEach((l) => l.remove());
      draw.current?.stop();
      draw.current = undefined;
      m?.remove();
      map.current = undefined;
    };
    // The map is rebuilt only when the theme (or the street map's health) changes; everything else goes into its sources.
  }, [props.dark, streetFailed]);

  const { zones, editingId, load, tool, problems, history, picked } = props;

  // Opening or closing the editor column resizes the map's box in this same commit. MapLibre
  // would notice only on its next ResizeObserver frame; until then a click is read with the old
  // size and a vertex lands hundreds of pixels from where the dispatcher clicked (seen on a loaded
  // machine: the first corner of a new zone off the map's left edge, so the ring never closed).
  useLayoutEffect(() => {
    map.current?.resize();
  }, [editingId === undefined]);

  // The first time zones arrive, and nothing is being edited, show them all.
  const framed = useRef(false);
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    showZones(m, zones, editingId);
    const all = boundsOfRings(zones.flatMap((z) => (z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates).map((rings) => ({ ring: (rings[0] ?? []) as [number, number][] }))));
    if (!framed.current && all && editingId === undefined) {
      framed.current = true;
      m.fitBounds(all, { padding: 60, maxZoom: 10, duration: 0 });
    }
    m.fire('moveend');
  }, [ready, zones, editingId]);

  useEffect(() => {
    const d = draw.current;
    const m = map.current;
    if (!d || !m || !ready) return;
    try {
      loadRings(d, load.rings);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
    latest.current.onRings(ringsIn(d));
    const b = boundsOfRings(load.rings);
    if (load.fit && b) m.fitBounds(b, { padding: 80, maxZoom: 12, duration: 0 });
  }, [ready, load]);

  useEffect(() => {
    const d = draw.current;
    const m = map.current;
    if (!d || !m || !ready) return;
    const mode = tool === 'pick-point' || tool === 'pick-county' ? 'static' : tool;
    if (d.getMode() !== mode) d.setMode(mode);
    m.getCanvas().style.cursor = tool === 'static' || tool === 'select' ? '' : 'crosshair';
    box.current?.setAttribute('data-tool', tool);
  }, [ready, tool]);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    const ringsWithProblems = new Set(problems.map((p) => p.ringId).filter(Boolean));
    showProblemRings(m, draw.current ? ringsIn(draw.current).filter((r) => ringsWithProblems.has(r.id)).map((r) => r.ring) : []);
    const markers = problems.flatMap((p, i) => {
      if (!p.at) return [];
      const el = document.createElement('div');
      el.className = 'problem-marker';
      el.dataset.testid = 'problem-marker';
      el.textContent = `!${i + 1}`;
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', `Problem ${i + 1}: ${p.message}`);
      return [new maplibregl.Marker({ element: el }).setLngLat(p.at).addTo(m)];
    });
    return () => markers.forEach((mk) => mk.remove());
  }, [ready, problems]);

  useEffect(() => {
    const m = map.current;
    if (m && ready) showHistory(m, history?.before, history?.after);
  }, [ready, history]);

  useEffect(() => {
    const m = map.current;
    if (m && ready) showPicked(m, picked.map((c) => c.geometry));
  }, [ready, picked]);

  return (
    <div className="zone-map-wrap">
      <div ref={box} className="zone-map" data-testid="zone-map" role="region" aria-label="Map of the zones" />
      <p className="zone-legend" aria-hidden="true">
        <span>
          <span className="swatch" />
          active
        </span>
        <span>
          <span className="swatch swatch-inactive" />
          inactive
        </span>
        {editingId !== undefined && (
          <span>
            <span className="swatch swatch-hole" />
            hole
          </span>
        )}
        {history && (
          <>
            <span>
              <span className="swatch swatch-before" />
              before
            </span>
            <span>
              <span className="swatch swatch-after" />
              after
            </span>
          </>
        )}
      </p>
      {streetFailed && <p className="map-error">The street map could not be read; county outlines are shown.</p>}
      {error && (
        <p className="map-error" role="alert">
          Map: {error}
        </p>
      )}
    </div>
  );
}
