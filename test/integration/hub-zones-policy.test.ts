/**
 * Zones, policy and preferences over HTTP, their live pushes, and routing: each alert reaches only
 * the users it is for (zones, statewide and mandatory categories, preferences), live and on replay.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/shared/protocol/index.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

type Signed = { user: TestUser; token: string };

describe('zones, policy and routing', () => {
  let t: TestHub;
  let disp: Signed;
  let sup: Signed;
  let admin: Signed;
  let north: Signed; // Troop 3, assigned the Chicago zone through the unit
  let roamer: Signed; // no zones: receives everything they may see

  beforeAll(async () => {
    t = await startTestHub();
    disp = await t.signedIn(['dispatcher']);
    sup = await t.signedIn(['supervisor']);
    admin = await t.signedIn(['admin']);
    north = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    roamer = await t.signedIn(['trooper'], { unit: 'Troop 9' });
  });
  afterAll(async () => t.close());

  it('lets a dispatcher create a zone, stamps it, and pushes it live to the users it concerns', async () => {
    const deskNorth = t.connect({ token: north.token, clientId: 'north-1' });
    const deskRoamer = t.connect({ token: roamer.token, clientId: 'roamer-1' });
    await deskNorth.ready();
    await deskRoamer.ready();
    const res = await t.api('PUT', '/zones/troop3-chicago', { token: disp.token, body: zone('troop3-chicago', CHICAGO, { units: ['Troop 3'] }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'troop3-chicago', updatedBy: disp.user.id, updatedAt: expect.any(String) });
    const pushed = await waitFor(() => deskNorth.zones.at(-1), 'zones push');
    expect(pushed.map((z) => z.id)).toEqual(['troop3-chicago']);
    expect(deskRoamer.zones).toHaveLength(0);
    deskNorth.close();
    deskRoamer.close();
  });

  it('refuses broken zones with invalid_zone and clear issues, storing nothing', async () => {
    const put = (id: string, body: unknown) => t.api('PUT', `/zones/${id}`, { token: disp.token, body });
    const open = zone('z-open', { type: 'Polygon', coordinates: [[[-88, 41], [-87, 41], [-87, 42], [-88, 42]]] });
    const bowtie = zone('z-bow', { type: 'Polygon', coordinates: [[[-88, 41], [-87, 42], [-87, 41], [-88, 42], [-88, 41]]] });
    const far = zone('z-far', box(-200, 41, -87, 42));
    const ring = Array.from({ length: 10_001 }, (_, i) => [-88 + Math.cos((i / 10_000) * 2 * Math.PI) * 0.1, 41 + Math.sin((i / 10_000) * 2 * Math.PI) * 0.1]);
    ring[10_000] = ring[0]!;
    const huge = zone('z-huge', { type: 'Polygon', coordinates: [ring as [number, number][]] });
    for (const [id, body] of [['z-open', open], ['z-bow', bowtie], ['z-far', far], ['z-huge', huge], ['z-noname', { ...zone('z-noname', CHICAGO), name: '' }], ['other-id', zone('z-mismatch', CHICAGO)]] as const) {
      const res = await put(id, body);
      expect(res.status, id).toBe(400);
      expect(res.body.error.code, id).toBe('invalid_zone');
      expect(res.body.issues.length, id).toBeGreaterThan(0);
      for (const issue of res.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
    const ghost = await put('z-ghost', zone('z-ghost', CHICAGO, { users: ['u-nobody'] }));
    expect(ghost.status).toBe(400);
    expect(ghost.body.issues).toEqual([{ path: 'assignees.users.0', message: expect.stringContaining('u-nobody') }]);
    const bow = await put('z-bow', bowtie);
    expect(bow.body.issues[0].path).toMatch(/^geometry\.coordinates/);
    const list = await t.api('GET', '/zones', { token: disp.token });
    expect(list.body.map((z: { id: string }) => z.id)).toEqual(['troop3-chicago']);
    expect((await t.api('PUT', '/zones/x', { token: north.token, body: zone('x', CHICAGO) })).status).toBe(403);
  });

  it('keeps the history of every change and lets dispatchers and supervisors read it', async () => {
    const z = zone('temp-zone', box(-90, 39, -89, 40), { users: [roamer.user.id] });
    await t.api('PUT', '/zones/temp-zone', { token: disp.token, body: z });
    await t.api('PUT', '/zones/temp-zone', { token: disp.token, body: { ...z, name: 'Renamed' } });
    expect((await t.api('DELETE', '/zones/temp-zone', { token: disp.token })).status).toBe(200);
    expect((await t.api('DELETE', '/zones/temp-zone', { token: disp.token })).status).toBe(404);
    const h = await t.api('GET', '/zones/temp-zone/history', { token: sup.token });
    expect(h.status).toBe(200);
    expect(h.body.items.map((i: { change: string }) => i.change)).toEqual(['created', 'updated', 'deleted']);
    expect(h.body.items[1]).toMatchObject({ changedBy: disp.user.id, changedAt: expect.any(String), zone: { name: 'Renamed' }, before: { name: 'Zone temp-zone' } });
    expect((await t.api('GET', '/zones/temp-zone/history', { token: north.token })).status).toBe(403);
  });

  it('shows each user their own zones; dispatchers see all', async () => {
    await t.api('PUT', '/zones/other-troop', { token: disp.token, body: zone('other-troop', box(-90, 39, -89, 40), { units: ['Troop 1'] }) });
    expect((await t.api('GET', '/zones', { token: north.token })).body.map((z: { id: string }) => z.id)).toEqual(['troop3-chicago']);
    expect((await t.api('GET', '/zones', { token: roamer.token })).body).toEqual([]);
    expect((await t.api('GET', '/zones', { token: disp.token })).body).toHaveLength(2);
  });

  it('routes by zone, statewide category and preferences, live and on replay', async () => {
    const head = await t.hub.store.alerts.headSeq();
    const deskNorth = t.connect({ token: north.token, clientId: 'north-2', resumeFrom: head });
    const deskRoamer = t.connect({ token: roamer.token, clientId: 'roamer-2', resumeFrom: head });
    await deskNorth.ready();
    await deskRoamer.ready();
    expect((await t.api('PUT', '/me/preferences', { token: roamer.token, body: { categories: ['wanted_person'] } })).body.categories)
      .toEqual(['felony', 'stolen', 'amber', 'silver', 'wanted_person']);
    const inZone = makeHit({ category: 'stolen', location: CHICAGO_POINT });
    const outside = makeHit({ category: 'stolen', location: SPRINGFIELD_POINT });
    const amberOutside = makeHit({ category: 'amber', location: SPRINGFIELD_POINT });
    const regOutside = makeHit({ category: 'registration', location: SPRINGFIELD_POINT });
    const last = makeHit({ category: 'felony', location: CHICAGO_POINT });
    for (const h of [inZone, outside, amberOutside, regOutside, last]) expect((await t.postHit(h)).status).toBe(202);
    await waitFor(() => deskNorth.alerts.some((a) => a.alert.id === last.id) && deskRoamer.alerts.some((a) => a.alert.id === last.id), 'the last alert');
    expect(deskNorth.alerts.map((a) => a.alert.id)).toEqual([inZone.id, amberOutside.id, last.id]);
    // The roamer has no zones but opted out of registration: mandatory categories still arrive.
    expect(deskRoamer.alerts.map((a) => a.alert.id)).toEqual([inZone.id, outside.id, amberOutside.id, last.id]);
    // An alert that was not for this desk cannot be acknowledged from it.
    const refused = await deskNorth.sendAck({ eventId: crypto.randomUUID(), alertId: outside.id, type: 'acknowledged', at: new Date().toISOString() });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    const replay = t.connect({ token: north.token, clientId: 'north-3', resumeFrom: head });
    await replay.ready();
    await waitFor(() => replay.alerts.some((a) => a.alert.id === last.id), 'replayed alerts');
    expect(replay.alerts.map((a) => a.alert.id)).toEqual([inZone.id, amberOutside.id, last.id]);
  });

  it('serves the policy to every user, lets only admins change it, keeps mandatory categories, and pushes it live', async () => {
    const got = await t.api('GET', '/policy', { token: north.token });
    expect(got.body).toEqual(DEFAULT_POLICY);
    const desk = t.connect({ token: north.token, clientId: 'north-4' });
    await desk.ready();
    const next = { ...DEFAULT_POLICY, statewideCategories: ['amber', 'silver', 'registration'], replayWindowDays: 14 };
    expect((await t.api('PUT', '/policy', { token: disp.token, body: next })).status).toBe(403);
    const weakened = await t.api('PUT', '/policy', { token: admin.token, body: { ...next, mandatoryCategories: ['stolen', 'amber', 'silver'] } });
    expect(weakened.status).toBe(400);
    expect(weakened.body.error.code).toBe('invalid_policy');
    expect(weakened.body.issues[0].path).toBe('mandatoryCategories');
    const put = await t.api('PUT', '/policy', { token: admin.token, body: { ...next, mandatoryCategories: ['wanted_person', 'felony', 'stolen', 'amber', 'silver'] } });
    expect(put.status).toBe(200);
    expect(put.body.mandatoryCategories).toEqual(['felony', 'stolen', 'amber', 'silver', 'wanted_person']);
    const pushed = await waitFor(() => desk.policies.at(-1), 'policy push');
    expect(pushed.statewideCategories).toEqual(['amber', 'silver', 'registration']);
    const reg = makeHit({ category: 'registration', location: SPRINGFIELD_POINT });
    await t.postHit(reg);
    await waitFor(() => desk.alerts.some((a) => a.alert.id === reg.id), 'statewide registration alert');
    const prefs = await t.api('GET', '/me/preferences', { token: roamer.token });
    expect(prefs.body.categories).toEqual(['felony', 'stolen', 'amber', 'silver', 'wanted_person']);
    expect((await t.api('PUT', '/me/preferences', { token: roamer.token, body: { categories: ['bogus'] } })).body.error.code).toBe('invalid_preferences');
  });

  it('lists users for dispatchers, supervisors and admins only', async () => {
    const res = await t.api('GET', '/users', { token: disp.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({ id: north.user.id, username: north.user.username, displayName: expect.any(String), roles: ['trooper'], unit: 'Troop 3' });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|totp/);
    expect((await t.api('GET', '/users', { token: north.token })).status).toBe(403);
  });

  it('lists alerts without images for dispatch, with filters and a cursor', async () => {
    await t.postHit(makeHit({ category: 'stolen', location: CHICAGO_POINT, images: { plate: 'data:image/png;base64,iVBORw0KGgo=' } }));
    const all = await t.api('GET', '/alerts?limit=1000', { token: disp.token });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(5);
    for (const a of all.body.items) expect(a.hit.images).toBeUndefined();
    const bbox = await t.api('GET', '/alerts?bbox=-87.7,41.78,-87.58,41.88&category=stolen', { token: sup.token });
    expect(bbox.body.items.every((a: { hit: { category: string; location: { lat: number } } }) => a.hit.category === 'stolen' && a.hit.location.lat > 41.7)).toBe(true);
    const page1 = await t.api('GET', '/alerts?limit=2', { token: disp.token });
    const page2 = await t.api('GET', `/alerts?limit=2&cursor=${page1.body.nextCursor}`, { token: disp.token });
    expect(page2.body.items[0].id).toBe(all.body.items[2].id);
    expect((await t.api('GET', '/alerts?bbox=1,2,3', { token: disp.token })).status).toBe(400);
    expect((await t.api('GET', '/alerts', { token: north.token })).status).toBe(403);
  });

  it("routes around a zone's hole, and counts a point on the border as inside", async () => {
    const donutUser = await t.signedIn(['trooper'], { unit: 'Troop 7' });
    const donut = {
      type: 'Polygon' as const,
      coordinates: [
        [[-88.2, 41.7], [-88.0, 41.7], [-88.0, 41.9], [-88.2, 41.9], [-88.2, 41.7]],
        [[-88.15, 41.75], [-88.05, 41.75], [-88.05, 41.85], [-88.15, 41.85], [-88.15, 41.75]],
      ] as [number, number][][],
    };
    expect((await t.api('PUT', '/zones/troop7-donut', { token: disp.token, body: zone('troop7-donut', donut, { units: ['Troop 7'] }) })).status).toBe(200);
    const desk = t.connect({ token: donutUser.token, clientId: 'donut', resumeFrom: await t.hub.store.alerts.headSeq() });
    await desk.ready();
    const inHole = makeHit({ category: 'stolen', location: { lat: 41.8, lon: -88.1 } });
    const inRing = makeHit({ category: 'stolen', location: { lat: 41.72, lon: -88.1 } });
    const onBorder = makeHit({ category: 'felony', location: { lat: 41.7, lon: -88.1 } });
    for (const h of [inHole, inRing, onBorder]) await t.postHit(h);
    await waitFor(() => desk.alerts.some((a) => a.alert.id === onBorder.id), 'the border alert');
    expect(desk.alerts.map((a) => a.alert.id)).toEqual([inRing.id, onBorder.id]);
  });
});


describe('a zone that cannot be evaluated', () => {
  it('lets mandatory categories through (fail-open), holds the others, and logs the failure', async () => {
    const errors: string[] = [];
    const t = await startTestHub({ onError: (err) => errors.push(err instanceof Error ? err.message : String(err)) });
    try {
      const { user, token } = await t.signedIn(['trooper'], { unit: 'Troop 5' });
      // Written behind the API's back (an old version, a hand edit): the API itself refuses such a zone.
      const broken = { ...zone('broken', CHICAGO, { users: [user.id] }), geometry: { type: 'Polygon', coordinates: [[[-88, 41], [-87, 41]]] } };
      const db = new Database(join(t.dataDir, 'hub.sqlite'));
      db.prepare('INSERT INTO zones (id, body) VALUES (?, ?)').run('broken', JSON.stringify(broken));
      db.close();
      const desk = t.connect({ token, clientId: 'fail-open' });
      await desk.ready();
      const stolen = makeHit({ category: 'stolen', location: SPRINGFIELD_POINT });
      const registration = makeHit({ category: 'registration', location: SPRINGFIELD_POINT });
      const last = makeHit({ category: 'felony', location: SPRINGFIELD_POINT });
      for (const h of [stolen, registration, last]) await t.postHit(h);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === last.id), 'the last alert');
      expect(desk.alerts.map((a) => a.alert.id)).toEqual([stolen.id, last.id]);
      expect(errors.some((m) => /zone broken could not be evaluated/.test(m))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
