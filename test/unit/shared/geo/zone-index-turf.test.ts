// The ZoneIndex against turf's booleanPointInPolygon (border = inside) on real county shapes:
// random points, every vertex, and every edge midpoint. turf is the oracle only here.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ZoneIndex } from '../../../../src/shared/geo/zone-index.js';
import { type CountyZone, loadCounties, ringsOf, seededRandom } from '../../../bench/us-county-zones.js';

const sorted = (a: string[]): string[] => [...a].sort();

// Illinois (17); Alaska (02: islands, a ring collapsed to one point, a hole); Virginia (51) and
// Colorado (08), whose counties have holes filled by independent cities, so points on a hole's
// border are inside two zones; and a copy of Illinois shifted so zones overlap.
const STATES = ['17', '02', '51', '08'];
const counties = loadCounties().filter((c) => STATES.some((s) => c.id.startsWith(s)));
const shift = (ring: number[][]): number[][] => ring.map(([x, y]) => [x! + 0.013, y! + 0.013]);
const zones: CountyZone[] = [
  ...counties,
  ...counties
    .filter((c) => c.id.startsWith('17') && c.geometry.type === 'Polygon')
    .map((c) => ({
      id: `${c.id}+s`,
      geometry: { type: 'Polygon' as const, coordinates: (c.geometry as Polygon).coordinates.map(shift) },
    })),
];
const boxes = zones.map((z) => {
  const all = ringsOf(z.geometry).flat();
  const xs = all.map((p) => p[0]!);
  const ys = all.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
});

function turfContaining(lon: number, lat: number): string[] {
  return zones
    .filter((z, i) => {
      const [x0, y0, x1, y1] = boxes[i]!;
      return lon >= x0! && lon <= x1! && lat >= y0! && lat <= y1!;
    })
    .filter((z) => booleanPointInPolygon([lon, lat], z.geometry, { ignoreBoundary: false }))
    .map((z) => z.id);
}

describe('ZoneIndex agrees with turf on real shapes', () => {
  const index = new ZoneIndex(zones);

  it('has islands, holes and overlaps in the sample', () => {
    expect(zones.length).toBeGreaterThan(400);
    expect(zones.some((z) => z.geometry.type === 'MultiPolygon')).toBe(true);
    const holes = zones.filter((z) => {
      const polys = z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates;
      return polys.some((p) => p.length > 1);
    });
    expect(holes.length).toBeGreaterThan(10);
  });

  it('random points over the four states', () => {
    const random = seededRandom(42);
    const areas = [
      [-91.6, 36.9, 4.2, 5.7],
      [-170, 54, 40, 17],
      [-83.7, 36.5, 8.5, 3],
      [-109.1, 37, 7.1, 4],
    ] as const;
    let mismatches = 0;
    let inside = 0;
    for (let i = 0; i < 4_000; i += 1) {
      const [x, y, w, h] = areas[i % 4]!;
      const lon = x + w * random();
      const lat = y + h * random();
      const mine = sorted(index.zonesContaining(lon, lat));
      if (mine.length > 0) inside += 1;
      if (mine.join() !== sorted(turfContaining(lon, lat)).join()) mismatches += 1;
    }
    expect(inside).toBeGreaterThan(1_500);
    expect(mismatches).toBe(0);
  });

  it('every vertex and every edge midpoint, holes included', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const zone of zones) {
      for (const ring of ringsOf(zone.geometry)) {
        for (let i = 0; i + 1 < ring.length; i += 1) {
          const [x1, y1] = ring[i] as [number, number];
          const [x2, y2] = ring[i + 1] as [number, number];
          // A vertex is on the border, so inside its own zone. A midpoint is on the edge only when
          // binary rounding allows; otherwise it lies a rounding error to one side, and the index
          // must still decide it as turf does.
          expect(index.zonesContaining(x1, y1)).toContain(zone.id);
          for (const [lon, lat] of [
            [x1, y1],
            [(x1 + x2) / 2, (y1 + y2) / 2],
          ] as [number, number][]) {
            checked += 1;
            const mine = sorted(index.zonesContaining(lon, lat));
            if (mine.join() !== sorted(turfContaining(lon, lat)).join()) mismatches.push(`${lon},${lat}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(15_000);
    expect(mismatches).toEqual([]);
  });
});
