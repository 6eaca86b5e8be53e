import { describe, expect, it } from 'vitest';
import { MAX_ZONE_POSITIONS, validateZoneGeometry } from '../../../../src/shared/geo/validate.js';
import { loadCounties } from '../../../bench/us-county-zones.js';

const square = [
  [-88, 41],
  [-87, 41],
  [-87, 42],
  [-88, 42],
  [-88, 41],
];
const hole = [
  [-87.8, 41.2],
  [-87.8, 41.8],
  [-87.2, 41.8],
  [-87.2, 41.2],
  [-87.8, 41.2],
];
const poly = (...rings: number[][][]): unknown => ({ type: 'Polygon', coordinates: rings });
/** "x,y x,y ..." to positions, to keep ring literals on one line. */
const ring = (text: string): number[][] => text.split(' ').map((p) => p.split(',').map(Number));

describe('validateZoneGeometry', () => {
  it('accepts a polygon, a polygon with a hole, and a multipolygon with islands', () => {
    expect(validateZoneGeometry(poly(square))).toEqual([]);
    expect(validateZoneGeometry(poly(square, hole))).toEqual([]);
    const island = square.map(([x, y]) => [x! + 2, y!]);
    expect(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[square, hole], [island]] })).toEqual(
      [],
    );
  });

  it('accepts a third coordinate (altitude) and consecutive repeated positions', () => {
    const withAlt = square.map(([x, y]) => [x!, y!, 200]);
    expect(validateZoneGeometry(poly(withAlt))).toEqual([]);
    expect(
      validateZoneGeometry(poly([square[0]!, square[1]!, square[1]!, square[2]!, square[3]!, square[4]!])),
    ).toEqual([]);
  });

  it.each([
    ['null', null, 'geometry'],
    ['an array', [], 'geometry'],
    ['a Point', { type: 'Point', coordinates: [0, 0] }, 'geometry.type'],
    ['no coordinates', { type: 'Polygon' }, 'geometry.coordinates'],
    ['empty coordinates', { type: 'Polygon', coordinates: [] }, 'geometry.coordinates'],
    [
      'a multipolygon with an empty polygon',
      { type: 'MultiPolygon', coordinates: [[]] },
      'geometry.coordinates.0',
    ],
    ['a ring that is not an array', { type: 'Polygon', coordinates: [5] }, 'geometry.coordinates.0'],
  ])('refuses %s', (_name, geometry, path) => {
    const issues = validateZoneGeometry(geometry);
    expect(issues.map((i) => i.path)).toEqual([path]);
  });

  it('refuses an open ring with a clear message', () => {
    const open = square.slice(0, 4).concat([[-88, 41.5]]);
    expect(validateZoneGeometry(poly(open))).toEqual([
      { path: 'geometry.coordinates.0', message: 'ring 0 is not closed: first and last positions differ' },
    ]);
  });

  it('refuses a ring of fewer than 4 positions', () => {
    const [issue] = validateZoneGeometry(
      poly([
        [-88, 41],
        [-87, 41],
        [-88, 41],
      ]),
    );
    expect(issue).toEqual({
      path: 'geometry.coordinates.0',
      message: 'ring 0 has 3 positions: a ring needs at least 4 (the last repeating the first)',
    });
  });

  it('names the polygon in a multipolygon', () => {
    const open = square.slice(0, 4).concat([[-88, 41.5]]);
    expect(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[square], [square, open]] })).toEqual([
      {
        path: 'geometry.coordinates.1.1',
        message: 'polygon 1 ring 1 is not closed: first and last positions differ',
      },
    ]);
  });

  it.each([
    ['longitude over 180', [181, 41], /longitude 181 is outside -180..180/],
    ['longitude under -180', [-180.5, 41], /longitude/],
    ['latitude over 90', [-88, 90.1], /latitude 90.1 is outside -90..90/],
    ['NaN', [Number.NaN, 41], /finite/],
    ['Infinity', [-88, Infinity], /finite/],
    ['a string', ['-88', 41], /finite/],
    ['one number', [-88], /\[lon, lat\]/],
  ])('refuses a position with %s, with its path', (_name, bad, message) => {
    const ring = square.map((p) => [...p]) as unknown[];
    ring[3] = bad;
    const issues = validateZoneGeometry(poly(ring as number[][]));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('geometry.coordinates.0.3');
    expect(issues[0]!.message).toMatch(message);
  });

  it('accepts the extreme coordinates themselves', () => {
    expect(
      validateZoneGeometry(
        poly([
          [-180, -90],
          [180, -90],
          [180, 90],
          [-180, 90],
          [-180, -90],
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses a bow tie (a ring crossing itself)', () => {
    const [issue] = validateZoneGeometry(
      poly([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(issue?.path).toBe('geometry.coordinates.0');
    expect(issue?.message).toMatch(
      /^ring 0 crosses itself: the edge from position 0 to 1 and the edge from position 2 to 3 cross$/,
    );
  });

  it('refuses a ring passing twice through one vertex and crossing there (figure eight)', () => {
    expect(validateZoneGeometry(poly(ring('0,0 1,1 2,2 2,0 1,1 0,2 0,0')))[0]?.message).toBe(
      'ring 0 crosses itself at position 4 (1, 1): the ring passes through it from one side to the other',
    );
  });

  it('refuses a ring passing through a point of its own edge from one side to the other', () => {
    const [issue] = validateZoneGeometry(poly(ring('0,0 4,0 4,2 2,0 2,-2 0,-2 0,0')));
    expect(issue?.message).toMatch(/^ring 0 crosses itself at position 3 \(2, 0\)/);
  });

  it('accepts a ring touching its own edge without crossing (two lobes)', () => {
    expect(validateZoneGeometry(poly(ring('0,0 4,0 4,3 2,0 0,3 0,0')))).toEqual([]);
  });

  it('accepts a ring passing twice through a vertex without crossing (two lobes at one point)', () => {
    expect(validateZoneGeometry(poly(ring('0,0 1,1 2,0 2,2 1,1 0,2 0,0')))).toEqual([]);
  });

  it('accepts what does not cross: a spike doubling back, a flat ring, a ring collapsed to a point', () => {
    // Census outlines have all three; none changes an even-odd containment answer.
    expect(validateZoneGeometry(poly(ring('0,0 2,0 3,0 1,0 2,2 0,0')))).toEqual([]);
    expect(validateZoneGeometry(poly(ring('0,0 1,0 2,0 0,0')))).toEqual([]);
    expect(validateZoneGeometry(poly(ring('0,0 0,0 0,0 0,0')))).toEqual([]);
  });

  it('refuses an edge crossing another through its interior, whatever the shape around it', () => {
    // Along y = 0 from (0,0) to (3,0); later down x = 2 from (2,1) to (2,-1), through (2,0).
    const issues = validateZoneGeometry(poly(ring('0,0 3,0 3,1 2,1 2,-1 -1,-1 -1,0 0,0')));
    expect(issues[0]?.message).toMatch(/crosses itself/);
  });

  it('checks holes for crossings too', () => {
    const badHole = [
      [-87.8, 41.2],
      [-87.2, 41.8],
      [-87.2, 41.2],
      [-87.8, 41.8],
      [-87.8, 41.2],
    ];
    const issues = validateZoneGeometry(poly(square, badHole));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'geometry.coordinates.1',
        message: expect.stringMatching(/ring 1 crosses itself/),
      }),
    ]);
  });

  it('refuses a hole that is not inside its outer ring, and names the position outside', () => {
    const outside = hole.map(([x, y]) => [x! + 0.5, y!]);
    expect(validateZoneGeometry(poly(square, outside))).toEqual([
      { path: 'geometry.coordinates.1', message: 'ring 1 is a hole outside its outer ring: position 2 lies outside ring 0' },
    ]);
    // A hole touching the outer ring from inside is still inside (the border counts as inside).
    const touching = ring('-88,41.2 -87.5,41.5 -88,41.8 -88,41.2');
    expect(validateZoneGeometry(poly(square, touching))).toEqual([]);
    const island = square.map(([x, y]) => [x! + 2, y!]);
    const issues = validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[square], [island, hole]] });
    expect(issues.map((i) => i.path)).toEqual(['geometry.coordinates.1.1']);
  });

  it('refuses more than 10,000 positions, and accepts a 10,000-position circle quickly', () => {
    const circle = (n: number): number[][] => {
      const ring = Array.from({ length: n - 1 }, (_, i) => [
        -88 + Math.cos((2 * Math.PI * i) / (n - 1)),
        41 + Math.sin((2 * Math.PI * i) / (n - 1)),
      ]);
      return [...ring, ring[0]!];
    };
    expect(validateZoneGeometry(poly(circle(MAX_ZONE_POSITIONS)))).toEqual([]);
    const issues = validateZoneGeometry(poly(circle(MAX_ZONE_POSITIONS + 1)));
    expect(issues).toEqual([
      { path: 'geometry.coordinates', message: 'the zone has 10001 positions: at most 10000 are allowed' },
    ]);
  });

  it('counts positions over all polygons of a multipolygon', () => {
    const ring = (dx: number): number[][] => [
      [dx, 0],
      ...Array.from({ length: 5_000 }, (_, i) => [dx + 1, i / 5000]),
      [dx, 0],
    ];
    const issues = validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[ring(0)], [ring(10)]] });
    expect(issues[0]?.message).toMatch(/10004 positions/);
  });

  it('caps the list of issues for a hostile zone', () => {
    const ring = Array.from({ length: 5_000 }, () => [999, 999]);
    expect(validateZoneGeometry(poly(ring)).length).toBeLessThanOrEqual(50);
  });

  it('uses the given path prefix', () => {
    expect(validateZoneGeometry({ type: 'Line' }, 'zone.geometry')[0]?.path).toBe('zone.geometry.type');
  });
});

describe('validateZoneGeometry on real outlines', () => {
  it('accepts the us-atlas county outlines except the 5 whose rings really cross', () => {
    const refused = loadCounties()
      .map((c) => ({ id: c.id, issues: validateZoneGeometry(c.geometry) }))
      .filter((r) => r.issues.length > 0);
    expect(refused.map((r) => r.id).sort()).toEqual(['06001', '22067', '51041', '51093', '51620']);
    for (const r of refused)
      expect(r.issues[0]?.message).toMatch(/^ring 0 crosses itself: the edge from position/);
  });
});
