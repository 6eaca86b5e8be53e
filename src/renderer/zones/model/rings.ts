/**
 * A zone being edited is a list of rings, each drawn on its own (terra-draw draws one ring per
 * feature): outer rings and holes. `composeGeometry` turns them into the zone's GeoJSON (Polygon
 * for one outer ring, MultiPolygon for several), giving each hole to the outer ring that contains
 * it, and remembers which drawn ring each GeoJSON ring came from so a validator issue
 * (`geometry.coordinates.0.1`) can be shown on the ring the dispatcher drew. `ringsOf` is the way
 * back, for a zone loaded from the hub or a file.
 */
import type { ZoneGeometry } from '../../../shared/protocol/zone.js';

export type Position = [number, number];
export type RingRole = 'outer' | 'hole';

export interface DraftRing {
  id: string;
  role: RingRole;
  /** Closed: the last position repeats the first. */
  ring: Position[];
}

export interface Composed {
  geometry: ZoneGeometry | undefined;
  /** GeoJSON ring path (`geometry.coordinates.P.R` or `.R`) -> the drawn ring's id. */
  ringAt: Map<string, string>;
  /** Holes that lie in no outer ring: no polygon to put them in. */
  orphanHoles: string[];
}

/** Even-odd test, border counted as inside: only used to find a hole's outer ring. */
function inside(x: number, y: number, ring: Position[]): boolean {
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

/** The outer ring a hole belongs to: the first that holds most of the hole's positions. */
function ownerOf(hole: Position[], outers: DraftRing[]): number {
  let best = -1;
  let bestCount = 0;
  outers.forEach((o, i) => {
    const count = hole.filter(([x, y]) => inside(x, y, o.ring)).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

export function composeGeometry(rings: readonly DraftRing[]): Composed {
  const outers = rings.filter((r) => r.role === 'outer');
  const holes = rings.filter((r) => r.role === 'hole');
  const ringAt = new Map<string, string>();
  const orphanHoles: string[] = [];
  if (outers.length === 0) return { geometry: undefined, ringAt, orphanHoles: holes.map((h) => h.id) };
  const polygons: DraftRing[][] = outers.map((o) => [o]);
  for (const h of holes) {
    const owner = ownerOf(h.ring, outers);
    if (owner < 0) orphanHoles.push(h.id);
    else polygons[owner]?.push(h);
  }
  if (polygons.length === 1) {
    const only = polygons[0] as DraftRing[];
    only.forEach((r, i) => ringAt.set(`geometry.coordinates.${i}`, r.id));
    return { geometry: { type: 'Polygon', coordinates: only.map((r) => r.ring) }, ringAt, orphanHoles };
  }
  polygons.forEach((p, pi) => p.forEach((r, ri) => ringAt.set(`geometry.coordinates.${pi}.${ri}`, r.id)));
  return { geometry: { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map((r) => r.ring)) }, ringAt, orphanHoles };
}

export function ringsOf(geometry: ZoneGeometry, newId: () => string): DraftRing[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((rings) =>
    rings.map((ring, i): DraftRing => ({ id: newId(), role: i === 0 ? 'outer' : 'hole', ring: ring.map((p) => [p[0] as number, p[1] as number]) })),
  );
}

/** West, south, east, north of every position, or undefined for no rings. */
export function boundsOfRings(rings: readonly { ring: Position[] }[]): [number, number, number, number] | undefined {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const { ring } of rings) {
    for (const [x, y] of ring) {
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      n = Math.max(n, y);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : undefined;
}
