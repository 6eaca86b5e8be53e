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

export function countyAt(base: BaseMap, lon: number, lat: number): string | undefined {
  const label = (p: { name: string; state: string }): string => `${p.name} County${p.state ? `, ${p.state}` : ''}`;
  let nearest: { d: number; name: string } | undefined;
  for (const f of base.counties.features) {
    if (contains(f.geometry, lon, lat)) return label(f.properties);
    const d = distance2ToOutline(f.geometry, lon, lat);
    if (!nearest || d < nearest.d) nearest = { d, name: label(f.properties) };
  }
  // Beyond ~0.5 degrees from any county the camera is not in the US base map at all.
  return nearest && nearest.d < 0.25 ? `near ${nearest.name}` : undefined;
}
