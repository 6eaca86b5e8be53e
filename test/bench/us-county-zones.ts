/**
 * The `filter` benchmark's zones (issue 4): every US county outline of us-atlas counties-10m,
 * plus two copies shifted by +0.013 and +0.026 degrees in lon and lat, so zones overlap the way
 * real troop areas do. Also the seeded point generator. Used by the bench and by the unit tests
 * that compare the ZoneIndex with turf on real shapes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { seededRandom } from '../../src/shared/seeded-random.js';

export interface CountyZone {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export const SHIFTS = [0, 0.013, 0.026] as const;

export function loadCounties(): CountyZone[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('us-atlas/counties-10m.json');
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ counties: GeometryCollection }>;
  const collection = feature(topology, topology.objects.counties);
  return collection.features.map((f, i) => ({
    id: String(f.id ?? `county-${i}`),
    geometry: f.geometry as Polygon | MultiPolygon,
  }));
}

function shiftRing(ring: Position[], d: number): Position[] {
  return ring.map(([x, y]) => [(x as number) + d, (y as number) + d]);
}

function shifted(geometry: Polygon | MultiPolygon, d: number): Polygon | MultiPolygon {
  if (d === 0) return geometry;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((r) => shiftRing(r, d)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => shiftRing(r, d))) };
}

/** 3 x 3,231 = 9,693 zones. */
export function loadCountyZones(): CountyZone[] {
  const counties = loadCounties();
  return SHIFTS.flatMap((d, k) =>
    counties.map((c) => ({ id: k === 0 ? c.id : `${c.id}+${k}`, geometry: shifted(c.geometry, d) })),
  );
}

// Re-exported: the geo tests and the bench desks take it from here with the county zones.
export { seededRandom };

/** Points uniform in lon -124..-67, lat 25..49, as flat [lon0, lat0, lon1, lat1, ...]. */
export function uniformPoints(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i += 1) {
    out[2 * i] = -124 + 57 * random();
    out[2 * i + 1] = 25 + 24 * random();
  }
  return out;
}

/** Every ring of a geometry. */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}
