/**
 * The county a camera stands in ("Cook County, Illinois"), or the nearest one when the point is
 * just outside every outline (a lakeshore camera, a simplified border). Even-odd ring test with a
 * bounding-box prefilter: it runs once per alert over ~3,200 counties.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BaseMap } from './baseMap.js';

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygons(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function contains(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  return polygons(g).some((rings) => inRing(x, y, rings[0] ?? []) && !rings.slice(1).some((h) => inRing(x, y, h)));
}

function distance2ToOutline(g: Polygon | MultiPolygon, x: number, y: number): number {
  let best = Infinity;
  for (const rings of polygons(g)) for (const ring of rings) for (const [px, py] of ring as [number, number][]) best = Math.min(best, (px - x) ** 2 + (py - y) ** 2);
  return best;
}

type Box = [minX: number, minY: number, maxX: number, maxY: number];

/** Each county's bounding box, worked out once per base map. */
const boxesOf = new WeakMap<BaseMap, Box[]>();

function boxes(base: BaseMap): Box[] {
  let found = boxesOf.get(base);
  if (!found) {
    found = base.counties.features.map((f) => {
      const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
      for (const rings of polygons(f.geometry))
        for (const [x, y] of (rings[0] ?? []) as [number, number][]) {
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        }
      return b;
    });
    boxesOf.set(base, found);
  }
  return found;
}

/** The squared distance from a point to a box (0 inside): no vertex of the county is nearer. */
function distance2ToBox([minX, minY, maxX, maxY]: Box, x: number, y: number): number {
  const dx = Math.max(minX - x, 0, x - maxX);
  const dy = Math.max(minY - y, 0, y - maxY);
  return dx * dx + dy * dy;
}

export function countyAt(base: BaseMap, lon: number, lat: number): string | undefined {
  const label = (p: { name: string; state: string }): string => `${p.name} County${p.state ? `, ${p.state}` : ''}`;
  const features = base.counties.features;
  const around = boxes(base).map((b, i) => ({ i, d: distance2ToBox(b, lon, lat) }));
  for (const { i, d } of around) {
    const f = features[i]!;
    if (d === 0 && contains(f.geometry, lon, lat)) return label(f.properties);
  }
  // Outside every outline: the nearest county by its vertices, looking only at counties whose box is nearer than the best so far.
  // Neighbours share their border's vertices: of equally near counties the first in the base map wins.
  let nearest: { d: number; i: number; name: string } | undefined;
  for (const { i, d } of around.sort((a, b) => a.d - b.d)) {
    if (nearest && d > nearest.d) break;
    const f = features[i]!;
    const v = distance2ToOutline(f.geometry, lon, lat);
    if (!nearest || v < nearest.d || (v === nearest.d && i < nearest.i)) nearest = { d: v, i, name: label(f.properties) };
  }
  // Beyond ~0.5 degrees from any county the camera is not in the US base map at all.
  return nearest && nearest.d < 0.25 ? `near ${nearest.name}` : undefined;
}
