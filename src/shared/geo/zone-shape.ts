/**
 * The cheap structural check the ZoneIndex runs before indexing a geometry: enough to make the
 * hot path safe (arrays of finite numbers, rings of 4+ positions, closed). The full docs/protocol.md
 * rules (bounds, self-crossing, size) are validateZoneGeometry's, run by the hub when a zone is saved.
 */

export type Rings = readonly (readonly (readonly number[])[])[];

/** Undefined when the geometry can be indexed; otherwise why not. */
export function geometryProblem(geometry: unknown): string | undefined {
  if (typeof geometry !== 'object' || geometry === null) return 'geometry missing';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return `geometry type ${JSON.stringify(type) ?? 'missing'} is not Polygon or MultiPolygon`;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'geometry has no coordinates';
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  for (const [p, rings] of polygons.entries()) {
    if (!Array.isArray(rings) || rings.length === 0) return `polygon ${p} has no rings`;
    for (const [r, ring] of (rings as unknown[]).entries()) {
      if (!Array.isArray(ring) || ring.length < 4) return `polygon ${p} ring ${r} has fewer than 4 positions`;
      for (const pos of ring as unknown[]) {
        if (!Array.isArray(pos) || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1])) {
          return `polygon ${p} ring ${r} has a position that is not [lon, lat] numbers`;
        }
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) return `polygon ${p} ring ${r} is not closed`;
    }
  }
  return undefined;
}

/** The polygons (lists of rings) of a geometry that passed `geometryProblem`. */
export function polygonsOf(geometry: unknown): Rings[] {
  const { type, coordinates } = geometry as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  return (type === 'Polygon' ? [coordinates] : coordinates) as Rings[];
}

/** minX, minY, maxX, maxY of every position of the rings. */
export function boundsOf(rings: Rings): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const pos of ring) {
      const x = pos[0] as number;
      const y = pos[1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}
