import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import { validateZoneGeometry } from '../../../src/shared/geo/validate.js';
import { circleRing } from '../../../src/renderer/zones/model/circle.js';
import { mergeOutlines } from '../../../src/renderer/zones/model/counties.js';
import { parseZoneFile, zonesToGeoJson } from '../../../src/renderer/zones/model/geojson-file.js';
import { previewOf } from '../../../src/renderer/zones/model/preview.js';
import { locateProblems } from '../../../src/renderer/zones/model/problems.js';
import { composeGeometry, ringsOf, type DraftRing, type Position } from '../../../src/renderer/zones/model/rings.js';
import type { ZoneGeometry } from '../../../src/shared/protocol/zone.js';

const square = (x: number, y: number, size = 1): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
let n = 0;
const ring = (role: DraftRing['role'], r: Position[]): DraftRing => ({ id: `r${(n += 1)}`, role, ring: r });

describe('composeGeometry: drawn rings to the zone GeoJSON', () => {
  it('one outer ring and a hole inside it make a Polygon with the hole', () => {
    const outer = ring('outer', square(-88, 41));
    const hole = ring('hole', square(-87.8, 41.2, 0.3));
    const c = composeGeometry([hole, outer]);
    expect(c.geometry).toEqual({ type: 'Polygon', coordinates: [outer.ring, hole.ring] });
    expect(c.ringAt.get('geometry.coordinates.1')).toBe(hole.id);
    expect(c.orphanHoles).toEqual([]);
  });

  it('several outer rings make a MultiPolygon; each hole goes to the ring that holds it, a stray hole is named', () => {
    const a = ring('outer', square(-88, 41));
    const b = ring('outer', square(-86, 41));
    const inB = ring('hole', square(-85.8, 41.2, 0.3));
    const stray = ring('hole', square(-80, 41, 0.3));
    const c = composeGeometry([a, b, inB, stray]);
    expect(c.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[a.ring], [b.ring, inB.ring]] });
    expect(c.ringAt.get('geometry.coordinates.1.1')).toBe(inB.id);
    expect(c.orphanHoles).toEqual([stray.id]);
  });

  it('no outer ring: no geometry; ringsOf gives back the rings of a stored zone', () => {
    expect(composeGeometry([]).geometry).toBeUndefined();
    const g: ZoneGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 4), square(1, 1)], [square(10, 0)]] };
    let i = 0;
    const rings = ringsOf(g, () => `x${(i += 1)}`);
    expect(rings.map((r) => r.role)).toEqual(['outer', 'hole', 'outer']);
    expect(composeGeometry(rings).geometry).toEqual(g);
  });
});

describe('circleRing', () => {
  it('is a closed, valid ring whose points lie at the radius (great-circle distance)', () => {
    const r = circleRing(-87.63, 41.88, 5);
    expect(r).toHaveLength(65);
    expect(r[0]).toEqual(r[64]);
    expect(validateZoneGeometry({ type: 'Polygon', coordinates: [r] })).toEqual([]);
    const toRad = Math.PI / 180;
    for (const [lon, lat] of r) {
      const d = Math.acos(Math.sin(41.88 * toRad) * Math.sin(lat * toRad) + Math.cos(41.88 * toRad) * Math.cos(lat * toRad) * Math.cos((lon + 87.63) * toRad)) * 3958.8;
      expect(d).toBeCloseTo(5, 2);
    }
    expect(booleanPointInPolygon(point([-87.63, 41.88]), { type: 'Polygon', coordinates: [r] })).toBe(true);
  });

  it('refuses a radius that is not a positive number', () => {
    expect(() => circleRing(0, 0, 0)).toThrow(RangeError);
    expect(() => circleRing(0, 0, Number.NaN)).toThrow(RangeError);
  });
});

describe('mergeOutlines (start from counties)', () => {
  it('two neighbouring squares become one outline without the shared border', () => {
    const merged = mergeOutlines([
      { type: 'Polygon', coordinates: [square(0, 0)] },
      { type: 'Polygon', coordinates: [square(1, 0)] },
    ]);
    expect(merged?.type).toBe('Polygon');
    expect(validateZoneGeometry(merged)).toEqual([]);
    const xs = (merged?.type === 'Polygon' ? (merged.coordinates[0] ?? []) : []).map((p) => p[0]);
    expect(Math.min(...(xs as number[]))).toBe(0);
    expect(Math.max(...(xs as number[]))).toBe(2);
  });

  it('apart counties stay a MultiPolygon; none gives nothing', () => {
    const merged = mergeOutlines([
      { type: 'Polygon', coordinates: [square(0, 0)] },
      { type: 'Polygon', coordinates: [square(5, 0)] },
    ]);
    expect(merged?.type).toBe('MultiPolygon');
    expect(mergeOutlines([])).toBeUndefined();
  });
});

describe('parseZoneFile', () => {
  const good = { type: 'Feature', id: 'joliet-east', properties: { name: 'Joliet east' }, geometry: { type: 'Polygon', coordinates: [square(-88, 41)] } };
  it('takes a FeatureCollection, a Feature and a bare Polygon or MultiPolygon', () => {
    const fc = parseZoneFile(JSON.stringify({ type: 'FeatureCollection', features: [good, { ...good, id: undefined, properties: { name: 'B', active: false } }] }), 'z.geojson');
    expect(fc).toEqual({
      ok: true,
      shapes: [
        { id: 'joliet-east', name: 'Joliet east', geometry: good.geometry, active: true },
        { name: 'B', geometry: good.geometry, active: false },
      ],
    });
    expect(parseZoneFile(JSON.stringify(good.geometry), 'kane.json')).toMatchObject({ ok: true, shapes: [{ name: 'kane' }] });
    expect(parseZoneFile(JSON.stringify({ type: 'MultiPolygon', coordinates: [[square(0, 0)]] }), 'm.geojson').ok).toBe(true);
  });

  it('one broken ring refuses the whole file and names the feature and the problem', () => {
    const broken = { type: 'Feature', properties: { name: 'Broken ring' }, geometry: { type: 'Polygon', coordinates: [square(0, 0).slice(0, 4)] } };
    const r = parseZoneFile(JSON.stringify({ type: 'FeatureCollection', features: [good, broken] }), 'troop5.geojson');
    expect(r).toEqual({ ok: false, message: 'troop5.geojson: feature 2 ("Broken ring"): ring 0 is not closed: first and last positions differ. Nothing was imported.' });
  });

  it('refuses what is not a zone file, in words', () => {
    expect(parseZoneFile('{nope', 'a.json')).toMatchObject({ ok: false, message: expect.stringContaining('is not JSON') });
    expect(parseZoneFile('[1,2]', 'a.json')).toMatchObject({ ok: false, message: expect.stringContaining('not a GeoJSON object') });
    expect(parseZoneFile(JSON.stringify({ type: 'Point', coordinates: [0, 0] }), 'a.json')).toMatchObject({ ok: false, message: expect.stringContaining('"Point" is not a Feature') });
    expect(parseZoneFile(JSON.stringify({ type: 'FeatureCollection', features: [] }), 'a.json')).toMatchObject({ ok: false, message: expect.stringContaining('no features') });
    expect(parseZoneFile(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] } }] }), 'a.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('feature 1: the geometry type must be "Polygon" or "MultiPolygon"'),
    });
  });

  it('exports zones as a FeatureCollection that imports back to the same shapes', () => {
    const text = zonesToGeoJson([{ id: 'a', name: 'A', geometry: good.geometry as ZoneGeometry, assignees: { users: ['u1'], units: ['Troop 3'] }, active: true }]);
    expect(parseZoneFile(text, 'zones.geojson')).toEqual({ ok: true, shapes: [{ id: 'a', name: 'A', geometry: good.geometry, active: true }] });
  });
});

describe('locateProblems: a validator issue placed on the map', () => {
  it('puts a crossing where the two edges cross, on the ring that was drawn', () => {
    const bowtie: Position[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    const c = composeGeometry([ring('outer', bowtie)]);
    const problems = locateProblems(validateZoneGeometry(c.geometry), c.geometry as ZoneGeometry, c.ringAt);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.ringId).toBe(c.ringAt.get('geometry.coordinates.0'));
    expect(problems[0]?.at?.[0]).toBeCloseTo(1);
    expect(problems[0]?.at?.[1]).toBeCloseTo(1);
  });

  it('marks a hole outside its outer ring at the position the validator names', () => {
    const g: ZoneGeometry = { type: 'Polygon', coordinates: [square(0, 0, 4), square(3, 3, 2)] };
    const ringAt = new Map([
      ['geometry.coordinates.0', 'o'],
      ['geometry.coordinates.1', 'h'],
    ]);
    const [p] = locateProblems(validateZoneGeometry(g), g, ringAt);
    expect(p).toMatchObject({ ringId: 'h', at: [5, 3] });
  });
});

describe('previewOf', () => {
  it('counts the alerts inside (border included, hole excluded) by category, and the cameras inside', () => {
    const g: ZoneGeometry = { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 1)] };
    const at = (lon: number, lat: number, category: 'stolen' | 'amber', cam: string) => ({ lon, lat, category, cameraId: cam, cameraName: `Camera ${cam}` });
    const p = previewOf(g, [at(0.5, 0.5, 'stolen', 'a'), at(4, 2, 'amber', 'b'), at(1.5, 1.5, 'stolen', 'c'), at(9, 9, 'stolen', 'd'), at(0.6, 0.5, 'stolen', 'a')]);
    expect(p.total).toBe(3);
    expect(p.byCategory).toEqual([
      { category: 'amber', count: 1 },
      { category: 'stolen', count: 2 },
    ]);
    expect(p.cameras).toEqual([
      { id: 'a', name: 'Camera a', alerts: 2 },
      { id: 'b', name: 'Camera b', alerts: 1 },
    ]);
  });
});
