/**
 * countyAt (src/renderer/map/countyAt.ts) on the real Census outlines: the county a camera stands in,
 * the nearest one just offshore, nothing far from the US. Its bounding-box shortcut must name the
 * same county as testing every outline and every vertex (the reference below) for seeded points.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadBaseMap, type BaseMap } from '../../../src/renderer/map/baseMap.js';
import { countyAt } from '../../../src/renderer/map/countyAt.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';

/** Every county in turn: the first whose outline holds the point, else the nearest vertex within 0.5 degrees. */
function everyCounty(base: BaseMap, x: number, y: number): string | undefined {
  const inRing = (ring: Position[]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const polys = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  const label = (p: { name: string; state: string }) => `${p.name} County${p.state ? `, ${p.state}` : ''}`;
  let nearest: { d: number; name: string } | undefined;
  for (const f of base.counties.features) {
    if (polys(f.geometry).some((rings) => inRing(rings[0] ?? []) && !rings.slice(1).some(inRing))) return label(f.properties);
    for (const rings of polys(f.geometry))
      for (const ring of rings)
        for (const [px, py] of ring as [number, number][]) {
          const d = (px - x) ** 2 + (py - y) ** 2;
          if (!nearest || d < nearest.d) nearest = { d, name: label(f.properties) };
        }
  }
  return nearest && nearest.d < 0.25 ? `near ${nearest.name}` : undefined;
}

describe('countyAt', () => {
  it('names the county a camera stands in, the nearest one just offshore, and none far away', async () => {
    const base = await loadBaseMap();
    expect(countyAt(base, -87.6251, 41.8349)).toBe('Cook County, Illinois');
    expect(countyAt(base, -89.65, 39.8)).toBe('Sangamon County, Illinois');
    // In Lake Michigan, a little off Chicago's shore.
    expect(countyAt(base, -87.5, 41.9)).toBe('near Cook County, Illinois');
    expect(countyAt(base, -40, 30)).toBeUndefined();
  });

  it('agrees with testing every county for seeded points over the US and its coasts', async () => {
    const base = await loadBaseMap();
    const seed = Number(process.env.COUNTY_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    for (let i = 0; i < 150; i++) {
      const lon = -125 + random() * 58;
      const lat = 24 + random() * 26;
      expect(countyAt(base, lon, lat), `COUNTY_SEED=${seed}: ${lon}, ${lat}`).toBe(everyCounty(base, lon, lat));
    }
  });
});
