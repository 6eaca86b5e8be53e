/**
 * docs/protocol.md conformance, Zone and preferences: each zone rule at its boundary (4 positions,
 * closed, no self-crossing including holes, at most 10,000 positions over the whole zone, lon/lat
 * bounds), MultiPolygon zones, `updatedBy`/`updatedAt` set by the hub whatever the client sends,
 * the policy's five fields, and preferences with the mandatory categories always added back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Zone } from '../../src/shared/protocol/index.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { CHICAGO, box, zone } from '../support/zones.js';

type Signed = { user: TestUser; token: string };
type Ring = [number, number][];

/** A closed ring of `n` positions (the last repeats the first) on a small circle. */
function circle(n: number, lon = -88, lat = 41, r = 0.1): Ring {
  const ring: Ring = Array.from({ length: n - 1 }, (_, i) => [lon + Math.cos((i / (n - 1)) * 2 * Math.PI) * r, lat + Math.sin((i / (n - 1)) * 2 * Math.PI) * r]);
  ring.push(ring[0]!);
  return ring;
}
const poly = (...rings: Ring[]): Zone['geometry'] => ({ type: 'Polygon', coordinates: rings });
const multi = (...polys: Ring[][]): Zone['geometry'] => ({ type: 'MultiPolygon', coordinates: polys });

describe('docs/protocol.md Zone rules', () => {
  let t: TestHub;
  let disp: Signed;
  beforeAll(async () => {
    t = await startTestHub();
    disp = await t.signedIn(['dispatcher']);
  });
  afterAll(async () => t.close());

  const put = (id: string, geometry: Zone['geometry']) => t.api('PUT', `/zones/${id}`, { token: disp.token, body: zone(id, geometry) });

  const accepted: [string, Zone['geometry']][] = [
    ['a triangle (4 positions, closed)', poly([[-88, 41], [-87, 41], [-87.5, 42], [-88, 41]])],
    ['a polygon with a hole', poly(box(-88, 41, -87, 42).coordinates[0] as Ring, [[-87.8, 41.2], [-87.2, 41.2], [-87.2, 41.8], [-87.8, 41.8], [-87.8, 41.2]])],
    ['a MultiPolygon of two parts', multi([box(-88, 41, -87.5, 41.5).coordinates[0] as Ring], [box(-87, 42, -86.5, 42.5).coordinates[0] as Ring])],
    ['exactly 10,000 positions', poly(circle(10_000))],
    ['10,000 positions over two polygons', multi([circle(5_000)], [circle(5_000, -87, 40)])],
    ['coordinates on the bounds', poly([[170, 80], [180, 80], [180, 90], [170, 90], [170, 80]])],
    ['coordinates on the negative bounds', poly([[-180, -90], [-170, -90], [-170, -80], [-180, -80], [-180, -90]])],
  ];

  it.each(accepted)('accepts %s (200, stored)', async (label, geometry) => {
    const id = `ok-${accepted.findIndex(([l]) => l === label)}`;
    const res = await put(id, geometry);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ id, geometry });
    expect((await t.api('GET', '/zones', { token: disp.token })).body.some((z: Zone) => z.id === id)).toBe(true);
  });

  const refused: [string, Zone['geometry']][] = [
    ['a ring of 3 positions', poly([[-88, 41], [-87, 41], [-88, 41]])],
    ['an open ring', poly([[-88, 41], [-87, 41], [-87, 42], [-88, 42], [-88, 41.5]])],
    ['a bow-tie ring', poly([[-88, 41], [-87, 42], [-87, 41], [-88, 42], [-88, 41]])],
    ['a hole that crosses itself', poly(box(-88, 41, -87, 42).coordinates[0] as Ring, [[-87.8, 41.2], [-87.2, 41.8], [-87.2, 41.2], [-87.8, 41.8], [-87.8, 41.2]])],
    ['an open ring in the second polygon of a MultiPolygon', multi([box(-88, 41, -87.5, 41.5).coordinates[0] as Ring], [[[-87, 42], [-86.5, 42], [-86.5, 42.5], [-87, 42.5]]])],
    ['10,001 positions in one ring', poly(circle(10_001))],
    ['10,001 positions over two polygons', multi([circle(5_001)], [circle(5_000, -87, 40)])],
    ['10,001 positions over a ring and its hole', poly(circle(9_000, -88, 41, 0.5), circle(1_001, -88, 41, 0.1))],
    ['a latitude above 90', poly([[-88, 89], [-87, 89], [-87, 90.5], [-88, 90.5], [-88, 89]])],
    ['a longitude above 180', poly([[179, 41], [180.5, 41], [180.5, 42], [179, 42], [179, 41]])],
    ['a latitude below -90', poly([[-88, -90.5], [-87, -90.5], [-87, -89], [-88, -89], [-88, -90.5]])],
  ];

  it.each(refused)('refuses %s: 400 invalid_zone with issues, storing nothing', async (label, geometry) => {
    const id = `bad-${refused.findIndex(([l]) => l === label)}`;
    const res = await put(id, geometry);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'issues']);
    expect(res.body.error).toEqual({ code: 'invalid_zone', message: expect.any(String) });
    expect(res.body.issues.length).toBeGreaterThan(0);
    for (const issue of res.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(res.body.issues.some((i: { path: string }) => i.path.startsWith('geometry'))).toBe(true);
    expect((await t.api('GET', '/zones', { token: disp.token })).body.some((z: Zone) => z.id === id)).toBe(false);
  });

  it('sets updatedBy and updatedAt itself, whatever the client sends', async () => {
    const res = await t.api('PUT', '/zones/stamped', { token: disp.token, body: { ...zone('stamped', CHICAGO), updatedBy: 'u-forged', updatedAt: '2000-01-01T00:00:00.000Z' } });
    expect(res.status).toBe(200);
    expect(res.body.updatedBy).toBe(disp.user.id);
    expect(res.body.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(res.body.updatedAt).toMatch(/(Z|[+-]\d\d:\d\d)$/);
    expect(Math.abs(Date.parse(res.body.updatedAt) - Date.now())).toBeLessThan(3_600_000);
    const stored = (await t.api('GET', '/zones', { token: disp.token })).body.find((z: Zone) => z.id === 'stamped');
    expect(stored).toEqual(res.body);
  });

  it('answers the history with {items: [{zone, changedBy, changedAt, change}]}', async () => {
    const res = await t.api('GET', '/zones/stamped/history', { token: disp.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ zone: { id: 'stamped' }, changedBy: disp.user.id, changedAt: expect.stringMatching(/(Z|[+-]\d\d:\d\d)$/), change: expect.any(String) });
  });
});

describe('docs/protocol.md policy and preferences', () => {
  let t: TestHub;
  let admin: Signed;
  let me: Signed;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.signedIn(['admin']);
    me = await t.signedIn(['trooper']);
  });
  afterAll(async () => t.close());

  it('serves the policy as exactly its version 1 and 1.1 fields, with amber and silver statewide by default', async () => {
    const res = await t.api('GET', '/policy', { token: me.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'detectionRetentionDays', 'hotlistStaleHours', 'idleLockMinutes', 'localEntryMaxDays', 'mandatoryCategories', 'mfaRequired',
      'ocrEquivalence', 'replayWindowDays', 'retentionDaysByNetwork', 'statewideCategories',
    ]);
    expect(res.body).toMatchObject({ mfaRequired: false, retentionDaysByNetwork: {}, hotlistStaleHours: 24, localEntryMaxDays: 30, ocrEquivalence: false });
    expect([...res.body.mandatoryCategories].sort()).toEqual(['amber', 'felony', 'silver', 'stolen']);
    expect([...res.body.statewideCategories].sort()).toEqual(['amber', 'silver']);
  });

  it('refuses a policy that drops a mandatory category, or misses a field, with issues', async () => {
    for (const body of [{ ...DEFAULT_POLICY, mandatoryCategories: ['felony', 'stolen', 'amber'] }, { ...DEFAULT_POLICY, idleLockMinutes: undefined }, { ...DEFAULT_POLICY, statewideCategories: ['nope'] }]) {
      const res = await t.api('PUT', '/policy', { token: admin.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
      for (const issue of res.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
    expect((await t.api('GET', '/policy', { token: me.token })).body).toEqual(DEFAULT_POLICY);
  });

  it('answers preferences as {categories}, adding the mandatory ones back, including those the policy adds', async () => {
    const got = await t.api('GET', '/me/preferences', { token: me.token });
    expect(got.status).toBe(200);
    expect(Object.keys(got.body)).toEqual(['categories']);
    const none = await t.api('PUT', '/me/preferences', { token: me.token, body: { categories: [] } });
    expect(none.status).toBe(200);
    expect([...none.body.categories].sort()).toEqual(['amber', 'felony', 'silver', 'stolen']);
    expect((await t.api('GET', '/me/preferences', { token: me.token })).body).toEqual(none.body);
    const policy = { ...DEFAULT_POLICY, mandatoryCategories: [...DEFAULT_POLICY.mandatoryCategories, 'missing_person'] };
    expect((await t.api('PUT', '/policy', { token: admin.token, body: policy })).status).toBe(200);
    const some = await t.api('PUT', '/me/preferences', { token: me.token, body: { categories: ['local'] } });
    expect([...some.body.categories].sort()).toEqual(['amber', 'felony', 'local', 'missing_person', 'silver', 'stolen']);
    const bad = await t.api('PUT', '/me/preferences', { token: me.token, body: { categories: 'all' } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'categories', message: expect.any(String) }]);
    expect((await t.api('GET', '/me/preferences', { token: me.token })).body).toEqual(some.body);
  });
});
