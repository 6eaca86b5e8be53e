/**
 * "Start from a county": the chosen Census county outlines merged into one zone shape with
 * polyclip-ts (a maintained boolean-operations library), so two neighbouring counties become one
 * outline without the shared border between them.
 */
import { union, type Geom } from 'polyclip-ts';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ZoneGeometry } from '../../../shared/protocol/zone.js';

export function mergeOutlines(outlines: readonly (Polygon | MultiPolygon)[]): ZoneGeometry | undefined {
  if (outlines.length === 0) return undefined;
  const geoms = outlines.map((g) => g.coordinates as Geom);
  const [first, ...rest] = geoms as [Geom, ...Geom[]];
  const merged = union(first, ...rest);
  if (merged.length === 0) return undefined;
  // polyclip-ts answers [x, y] pairs; the zone schema's positions are the same pairs.
  const polygons = merged as [number, number][][][];
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as [number, number][][] } : { type: 'MultiPolygon', coordinates: polygons };
}
