/**
 * Zone names on the map. The offline style has no glyphs (no font server), so names are small
 * HTML labels: only for the zones in view, largest first and at most 60, re-chosen when the map
 * stops moving. With 1,000 zones the map stays smooth and the names stay readable.
 */
import type { Map as MlMap, Marker } from 'maplibre-gl';
import type { Zone } from '../../shared/protocol/zone.js';
import maplibregl from '../map/maplibre.js';

const MAX_LABELS = 60;
/** With many zones in view, one narrower than this on screen gets no label: it would cover its neighbours'. */
const MIN_WIDTH_PX = 48;
/** Up to this many zones in view are all labelled, however small. */
const LABEL_ALL = 25;

interface Anchor {
  at: [number, number];
  box: [number, number, number, number];
}
const anchors = new WeakMap<Zone, Anchor>();

function anchorOf(zone: Zone): Anchor {
  let a = anchors.get(zone);
  if (a) return a;
  const polygons = zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
  let best: [number, number, number, number] = [0, 0, 0, 0];
  let bestArea = -1;
  let all: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of (rings[0] ?? []) as [number, number][]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
    const area = (b[2] - b[0]) * (b[3] - b[1]);
    if (area > bestArea) [best, bestArea] = [b, area];
    all = [Math.min(all[0], b[0]), Math.min(all[1], b[1]), Math.max(all[2], b[2]), Math.max(all[3], b[3])];
  }
  a = { at: [(best[0] + best[2]) / 2, (best[1] + best[3]) / 2], box: all };
  anchors.set(zone, a);
  return a;
}

/** Labels let clicks through to the map (a click on a zone opens it; a click while drawing adds a vertex). */
export function updateLabels(map: MlMap, zones: readonly Zone[], hiddenId: string | undefined, markers: Marker[]): void {
  const view = map.getBounds();
  const [w, s, e, n] = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()];
  const pxPerDegree = map.getContainer().clientWidth / Math.max(e - w, 1e-9);
  const inView = zones
    .filter((z) => z.id !== hiddenId)
    .map((z) => ({ z, a: anchorOf(z) }))
    .filter(({ a }) => a.box[2] >= w && a.box[0] <= e && a.box[3] >= s && a.box[1] <= n);
  const chosen = (inView.length <= LABEL_ALL ? inView : inView.filter(({ a }) => (a.box[2] - a.box[0]) * pxPerDegree >= MIN_WIDTH_PX))
    .sort((x, y) => (y.a.box[2] - y.a.box[0]) * (y.a.box[3] - y.a.box[1]) - (x.a.box[2] - x.a.box[0]) * (x.a.box[3] - x.a.box[1]))
    .slice(0, MAX_LABELS);
  markers.splice(0).forEach((m) => m.remove());
  for (const { z, a } of chosen) {
    const el = document.createElement('div');
    el.className = `zone-label${z.active ? '' : ' zone-label-inactive'}`;
    el.textContent = z.active ? z.name : `${z.name} (inactive)`;
    // The list beside the map names every zone for screen readers; the labels are for the eye.
    el.setAttribute('aria-hidden', 'true');
    markers.push(new maplibregl.Marker({ element: el }).setLngLat(a.at).addTo(map));
  }
}
