import { describe, expect, it } from 'vitest';
import { ZoneIndex } from '../../../../src/shared/geo/zone-index.js';

const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

// A 10 x 10 square with a 4 x 4 hole in the middle, an island zone of two squares, a triangle.
const zones = [
  { id: 'ring', geometry: polygon(rect(0, 0, 10, 10), rect(3, 3, 7, 7)) },
  {
    id: 'islands',
    geometry: { type: 'MultiPolygon', coordinates: [[rect(20, 0, 22, 2)], [rect(30, 0, 32, 2)]] },
  },
  {
    id: 'triangle',
    geometry: polygon([
      [40, 0],
      [50, 0],
      [45, 10],
      [40, 0],
    ]),
  },
];
const index = new ZoneIndex(zones);

describe('ZoneIndex.zonesContaining', () => {
  it.each([
    ['inside the square, outside the hole', 1, 1, ['ring']],
    ['inside the hole', 5, 5, []],
    ['outside everything', -1, -1, []],
    ['first island', 21, 1, ['islands']],
    ['second island', 31, 1, ['islands']],
    ['between the islands', 25, 1, []],
    ['inside the triangle', 45, 5, ['triangle']],
    ['inside the triangle bbox but outside it', 41, 9, []],
  ])('%s', (_name, lon, lat, expected) => {
    expect(index.zonesContaining(lon, lat)).toEqual(expected);
  });

  it.each([
    ['an outer vertex', 0, 0],
    ['an outer vertex (top right)', 10, 10],
    ['an outer bottom edge', 5, 0],
    ['an outer left edge', 0, 5],
    ['a hole vertex', 3, 3],
    ['a hole edge', 7, 5],
    ['a hole edge (top)', 5, 7],
  ])('counts a point on %s as inside', (_name, lon, lat) => {
    expect(index.zonesContaining(lon, lat)).toEqual(['ring']);
  });

  it('counts points on a slanted edge and on an island border as inside', () => {
    expect(index.zonesContaining(42.5, 5)).toEqual(['triangle']); // on the edge (40,0)-(45,10)
    expect(index.zonesContaining(45, 10)).toEqual(['triangle']); // apex
    expect(index.zonesContaining(32, 1)).toEqual(['islands']);
  });

  it('just outside an edge is outside', () => {
    expect(index.zonesContaining(10.000001, 5)).toEqual([]);
    expect(index.zonesContaining(5, -1e-9)).toEqual([]);
    expect(index.zonesContaining(5, 7 - 1e-9)).toEqual([]); // inside the hole, just under its top edge
  });

  it('returns every overlapping zone once, even when several islands of one zone contain the point', () => {
    const overlapping = new ZoneIndex([
      { id: 'a', geometry: polygon(rect(0, 0, 2, 2)) },
      { id: 'b', geometry: polygon(rect(1, 1, 3, 3)) },
      { id: 'c', geometry: { type: 'MultiPolygon', coordinates: [[rect(0, 0, 3, 3)], [rect(1, 1, 2, 2)]] } },
    ]);
    expect(overlapping.zonesContaining(1.5, 1.5).sort()).toEqual(['a', 'b', 'c']);
    expect(overlapping.zonesContaining(1.5, 1.5).sort()).toEqual(['a', 'b', 'c']); // a second query, same answer
    expect(overlapping.zonesContaining(2, 2).sort()).toEqual(['a', 'b', 'c']); // corner of a, b and the inner island of c
  });

  it('handles a many-sided ring (many bands) exactly', () => {
    const n = 2_000;
    const ring = Array.from({ length: n }, (_, i) => [
      Math.cos((2 * Math.PI * i) / n),
      Math.sin((2 * Math.PI * i) / n),
    ]);
    ring.push(ring[0]!);
    const circle = new ZoneIndex([{ id: 'circle', geometry: polygon(ring) }]);
    for (const [x, y] of ring) expect(circle.zonesContaining(x!, y!)).toEqual(['circle']);
    expect(circle.zonesContaining(0, 0)).toEqual(['circle']);
    expect(circle.zonesContaining(0.99, 0.99)).toEqual([]);
    expect(circle.zonesContaining(0, 0.999)).toEqual(['circle']);
  });

  it('a horizontal or vertical line zone has only a border', () => {
    const flat = new ZoneIndex([
      {
        id: 'flat',
        geometry: polygon([
          [0, 0],
          [2, 0],
          [4, 0],
          [0, 0],
        ]),
      },
    ]);
    expect(flat.zonesContaining(1, 0)).toEqual(['flat']);
    expect(flat.zonesContaining(1, 0.1)).toEqual([]);
  });

  it('refuses a point that is not two finite numbers', () => {
    expect(() => index.zonesContaining(Number.NaN, 1)).toThrow(RangeError);
    expect(() => index.containsAny(1, Infinity)).toThrow(RangeError);
  });
});

describe('ZoneIndex.containsAny', () => {
  it('without a list: any zone', () => {
    expect(index.containsAny(1, 1)).toBe(true);
    expect(index.containsAny(5, 5)).toBe(false);
  });

  it('only the listed zones count (Set or array, short or long)', () => {
    expect(index.containsAny(1, 1, ['islands'])).toBe(false);
    expect(index.containsAny(1, 1, ['islands', 'ring'])).toBe(true);
    expect(index.containsAny(1, 1, new Set(['ring']))).toBe(true);
    expect(index.containsAny(1, 1, new Set<string>())).toBe(false);
    const many = Array.from({ length: 50 }, (_, i) => `z${i}`);
    expect(index.containsAny(1, 1, many)).toBe(false);
    expect(index.containsAny(1, 1, [...many, 'ring'])).toBe(true);
  });

  it('asking again for the same point with other lists gives each list its own answer', () => {
    const overlapping = new ZoneIndex([
      { id: 'a', geometry: polygon(rect(0, 0, 2, 2)) },
      { id: 'b', geometry: polygon(rect(1, 1, 3, 3)) },
    ]);
    expect(overlapping.containsAny(1.5, 1.5, ['a'])).toBe(true);
    expect(overlapping.containsAny(1.5, 1.5, ['c'])).toBe(false);
    expect(overlapping.containsAny(1.5, 1.5, new Set(['b']))).toBe(true);
    expect(overlapping.containsAny(0.5, 0.5, ['b'])).toBe(false);
    expect(overlapping.containsAny(0.5, 0.5, ['a'])).toBe(true);
    // A caller changing the array it got does not change the next answer.
    overlapping.zonesContaining(0.5, 0.5).push('b');
    expect(overlapping.zonesContaining(0.5, 0.5)).toEqual(['a']);
    expect(overlapping.containsAny(0.5, 0.5, ['b'])).toBe(false);
  });

  it('counts the border as inside', () => {
    expect(index.containsAny(0, 0, ['ring'])).toBe(true);
    expect(index.containsAny(7, 7, ['ring'])).toBe(true);
  });
});

describe('ZoneIndex failures', () => {
  const broken = new ZoneIndex([
    { id: 'good', geometry: polygon(rect(0, 0, 1, 1)) },
    {
      id: 'open',
      geometry: polygon([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    },
    {
      id: 'nan',
      geometry: polygon([
        [0, 0],
        [1, 0],
        [Number.NaN, 1],
        [0, 0],
      ]),
    },
    { id: 'point', geometry: { type: 'Point', coordinates: [0, 0] } },
    { id: 'nothing', geometry: null },
    {
      id: 'short',
      geometry: polygon([
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
    },
    { id: 'emptymulti', geometry: { type: 'MultiPolygon', coordinates: [[]] } },
  ]);

  it('indexes the good zone and remembers why the others failed', () => {
    expect(broken.size).toBe(1);
    expect(broken.has('good')).toBe(true);
    expect(broken.has('open')).toBe(false);
    const failures = Object.fromEntries(broken.failures().map((f) => [f.zoneId, f.message]));
    expect(Object.keys(failures).sort()).toEqual(['emptymulti', 'nan', 'nothing', 'open', 'point', 'short']);
    expect(failures.open).toMatch(/not closed/);
    expect(failures.nan).toMatch(/numbers/);
    expect(failures.point).toMatch(/"Point"/);
    expect(failures.short).toMatch(/fewer than 4/);
  });

  it('failed zones never contain anything, and failuresAmong names them and unknown ones', () => {
    expect(broken.zonesContaining(0.5, 0.5)).toEqual(['good']);
    expect(broken.containsAny(0.5, 0.5, ['open'])).toBe(false);
    expect(broken.failuresAmong(['good', 'open', 'never-seen'])).toEqual([
      { zoneId: 'open', message: expect.stringMatching(/not closed/) },
      { zoneId: 'never-seen', message: expect.stringMatching(/unknown/) },
    ]);
    expect(broken.failuresAmong(new Set(['good']))).toEqual([]);
  });

  it('an empty index answers nothing', () => {
    const empty = new ZoneIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.zonesContaining(0, 0)).toEqual([]);
    expect(empty.containsAny(0, 0)).toBe(false);
  });

  it('a repeated id adds its polygons to the same zone', () => {
    const twice = new ZoneIndex([
      { id: 'z', geometry: polygon(rect(0, 0, 1, 1)) },
      { id: 'z', geometry: polygon(rect(5, 5, 6, 6)) },
    ]);
    expect(twice.size).toBe(1);
    expect(twice.zonesContaining(0.5, 0.5)).toEqual(['z']);
    expect(twice.zonesContaining(5.5, 5.5)).toEqual(['z']);
  });
});

describe('ZoneIndex with polygons too large for the grid', () => {
  // Many small squares and many state-sized overlapping rectangles: the grid's memory budget
  // sends the largest to the Flatbush, and answers must not depend on which path a polygon took.
  const small = Array.from({ length: 40 }, (_, i) => ({
    id: `small-${i}`,
    geometry: polygon(rect(i % 8, Math.floor(i / 8), (i % 8) + 0.5, Math.floor(i / 8) + 0.5)),
  }));
  const large = Array.from({ length: 30 }, (_, i) => ({
    id: `large-${i}`,
    geometry: polygon(rect(-1 - i * 0.01, -1, 9 + i * 0.01, 6)),
  }));
  const mixed = new ZoneIndex([...small, ...large]);

  it('uses both paths', () => {
    expect(mixed.stats.inFlatbush).toBeGreaterThan(0);
    expect(mixed.stats.inFlatbush).toBeLessThan(30);
  });

  it('finds every containing zone, whichever path it took', () => {
    const found = mixed.zonesContaining(0.25, 0.25).sort();
    expect(found).toEqual(['small-0', ...large.map((z) => z.id)].sort());
    expect(mixed.zonesContaining(7.75, 4.75).sort()).toEqual(large.map((z) => z.id).sort());
    expect(mixed.zonesContaining(9.2, 0).sort()).toEqual([
      'large-20',
      'large-21',
      'large-22',
      'large-23',
      'large-24',
      'large-25',
      'large-26',
      'large-27',
      'large-28',
      'large-29',
    ]);
    expect(mixed.containsAny(9.2, 0, ['large-29'])).toBe(true);
    expect(mixed.containsAny(9.2, 0, ['large-0', 'small-3'])).toBe(false);
    expect(mixed.zonesContaining(20, 20)).toEqual([]);
  });
});
