// The ZoneIndex against turf's booleanPointInPolygon (border = inside) on real county shapes:
// random points, every vertex, and every edge midpoint. turf is the oracle only here.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { ZoneIndex } from '../../../../src/shared/geo/zone-index.js';
import { type CountyZone, loadCounties, ringsOf, seededRandom } from '../../../bench/us-county-zones.js';

function turfContaining(zones: CountyZone[], lon: number, lat: number): string[] {
  return zones
    .filter((z) => booleanPointInPolygon([lon, lat], z.geometry, { ignoreBoundary: false }))
    .map((z) => z.id);
}

const sorted = (a: string[]): string[] => [...a].sort();

describe('ZoneIndex agrees with turf on real shapes', () => {
  // Illinois (17) and Alaska (02: islands, the Aleutians, a ring collapsed to one point), plus a
  // copy of Illinois shifted so zones overlap.
  const counties = loadCounties().filter((c) => c.id.startsWith('17') || c.id.startsWith('02'));
  const zones: CountyZone[] = [
    ...counties,
    ...counties
      .filter((c) => c.id.startsWith('17'))
      .map((c) => ({
        id: `${c.id}+s`,
        geometry:
          c.geometry.type === 'Polygon'
            ? {
                type: 'Polygon' as const,
                coordinates: c.geometry.coordinates.map((r) => r.map(([x, y]) => [x! + 0.013, y! + 0.013])),
              }
            : c.geometry,
      })),
  ];
  const index = new ZoneIndex(zones);

  it('has islands and multipolygons in the sample', () => {
    expect(zones.length).toBeGreaterThan(200);
    expect(zones.some((z) => z.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('random points over Illinois and Alaska', () => {
    const random = seededRandom(42);
    let mismatches = 0;
    let inside = 0;
    for (let i = 0; i < 3_000; i += 1) {
      const [lon, lat] =
        i % 2 === 0
          ? [-91.6 + 4.2 * random(), 36.9 + 5.7 * random()]
          : [-170 + 40 * random(), 54 + 17 * random()];
      const mine = sorted(index.zonesContaining(lon, lat));
      if (mine.length > 0) inside += 1;
      if (mine.join() !== sorted(turfContaining(zones, lon, lat)).join()) mismatches += 1;
    }
    expect(inside).toBeGreaterThan(500);
    expect(mismatches).toBe(0);
  });

  it('every vertex and every edge midpoint', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const zone of zones.slice(0, 140)) {
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
            if (mine.join() !== sorted(turfContaining(zones, lon, lat)).join())
              mismatches.push(`${lon},${lat}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(2_000);
    expect(mismatches).toEqual([]);
  });
});
