/**
 * docs/protocol.md conformance, HTTP table and Roles: every row answers its success status to the roles
 * in its "who" column and 403 `forbidden` (exact error body) to every other role, 401
 * `unauthorized` without a token or with an ingest key as the bearer; a user holding several roles
 * gets the union; refresh answers "as above"; DELETE /session answers 204 with no body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/protocol/index.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, zone } from '../support/zones.js';

type Signed = { user: TestUser; token: string };
const ROLES: Role[] = ['trooper', 'dispatcher', 'supervisor', 'admin'];
const ANY: Role[] = ROLES;

interface Row {
  method: string;
  path: (role: Role) => string;
  body?: (role: Role) => unknown;
  who: Role[];
  status: number;
}

describe('docs/protocol.md HTTP table: who may call each row', () => {
  let t: TestHub;
  const as: Partial<Record<Role, Signed>> = {};
  let alertId = '';
  let zoneSerial = 0;

  beforeAll(async () => {
    t = await startTestHub();
    for (const r of ROLES) as[r] = await t.signedIn([r]);
    // An alert delivered to nobody (no desk connected), so only a supervisor may read it.
    const hit = makeHit();
    alertId = hit.id;
    expect((await t.postHit(hit)).status).toBe(202);
    const put = await t.api('PUT', '/zones/existing', { token: as.dispatcher!.token, body: zone('existing', CHICAGO) });
    expect(put.status).toBe(200);
  });
  afterAll(async () => t.close());

  const freshZone = (): string => `z-roles-${++zoneSerial}`;
  const rows: Row[] = [
    { method: 'GET', path: () => `/alerts/${alertId}`, who: ['supervisor'], status: 200 },
    { method: 'GET', path: () => '/acks', who: ['supervisor'], status: 200 },
    { method: 'GET', path: () => '/acks?category=stolen&limit=10', who: ['supervisor'], status: 200 },
    { method: 'GET', path: () => '/acks/export.csv', who: ['supervisor'], status: 200 },
    { method: 'GET', path: () => '/audit/verify', who: ['supervisor'], status: 200 },
    { method: 'GET', path: () => '/zones', who: ANY, status: 200 },
    { method: 'PUT', path: () => `/zones/${freshZone()}`, body: () => ({ name: 'A zone', geometry: CHICAGO, assignees: { users: [], units: [] }, active: true }), who: ['dispatcher'], status: 200 },
    { method: 'GET', path: () => '/zones/existing/history', who: ['dispatcher', 'supervisor'], status: 200 },
    { method: 'GET', path: () => '/alerts', who: ['dispatcher', 'supervisor'], status: 200 },
    { method: 'GET', path: () => '/users', who: ['dispatcher', 'supervisor', 'admin'], status: 200 },
    { method: 'GET', path: () => '/policy', who: ANY, status: 200 },
    { method: 'PUT', path: () => '/policy', body: () => ({ mandatoryCategories: ['felony', 'stolen', 'amber', 'silver'], statewideCategories: ['amber', 'silver'], detectionRetentionDays: 90, replayWindowDays: 7, idleLockMinutes: 30 }), who: ['admin'], status: 200 },
    { method: 'GET', path: () => '/me/preferences', who: ANY, status: 200 },
    { method: 'PUT', path: () => '/me/preferences', body: () => ({ categories: ['local'] }), who: ANY, status: 200 },
  ];

  for (const row of rows) {
    const label = `${row.method} ${row.path('trooper').replace(alertId, ':id').replace(/z-roles-\d+/, ':id')}`;
    it(`${label}: ${row.status} for ${row.who.join(', ')}; 403 forbidden for the others`, async () => {
      for (const role of ROLES) {
        const res = await t.api(row.method, row.path(role), { token: as[role]!.token, ...(row.body ? { body: row.body(role) } : {}) });
        if (row.who.includes(role)) {
          expect(res.status, `${label} as ${role}: ${res.text.slice(0, 200)}`).toBe(row.status);
        } else {
          expect(res.status, `${label} as ${role}`).toBe(403);
          expect(res.body, `${label} as ${role}`).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
        }
      }
    });

    it(`${label}: 401 unauthorized without a token, with garbage, and with an ingest key`, async () => {
      for (const token of [undefined, 'not-a-token', t.ingestKey]) {
        const res = await t.api(row.method, row.path('trooper'), { ...(token ? { token } : {}), ...(row.body ? { body: row.body('trooper') } : {}) });
        expect(res.status, `${label} with ${token ? 'a bad bearer' : 'no bearer'}`).toBe(401);
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    });
  }

  it('DELETE /zones/:id is for dispatchers only', async () => {
    for (const role of ROLES.filter((r) => r !== 'dispatcher')) {
      const res = await t.api('DELETE', '/zones/existing', { token: as[role]!.token });
      expect(res.status, role).toBe(403);
      expect(res.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect((await t.api('DELETE', '/zones/existing')).status).toBe(401);
    expect((await t.api('DELETE', '/zones/existing', { token: as.dispatcher!.token })).status).toBe(200);
  });

  it('GET /alerts/:id: a trooper or dispatcher the alert was delivered to may read it', async () => {
    const reached = await t.signedIn(['dispatcher']);
    const desk = t.connect({ token: reached.token, clientId: 'roles-desk' });
    await desk.ready();
    const hit = makeHit({ category: 'felony' });
    await t.postHit(hit);
    await waitFor(() => desk.alerts.some((a) => a.alert.id === hit.id), 'the alert on the desk');
    const mine = await t.api('GET', `/alerts/${hit.id}`, { token: reached.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ alert: { id: hit.id, hit, ingestedAt: expect.any(String) }, trail: [] });
    for (const role of ['trooper', 'dispatcher', 'admin'] as const) {
      const res = await t.api('GET', `/alerts/${hit.id}`, { token: as[role]!.token });
      expect(res.status, role).toBe(403);
      expect(res.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
  });

  it('a user holding several roles may do what each of them may', async () => {
    const both = await t.signedIn(['trooper', 'supervisor']);
    expect((await t.api('GET', '/acks', { token: both.token })).status).toBe(200);
    expect((await t.api('GET', '/audit/verify', { token: both.token })).status).toBe(200);
    expect((await t.api('GET', '/users', { token: both.token })).status).toBe(200);
    expect((await t.api('PUT', '/policy', { token: both.token, body: rows[11]!.body!('admin') })).status).toBe(403);
    const dispAdmin = await t.signedIn(['dispatcher', 'admin']);
    expect((await t.api('PUT', '/zones/both-roles', { token: dispAdmin.token, body: zone('both-roles', CHICAGO) })).status).toBe(200);
    expect((await t.api('PUT', '/policy', { token: dispAdmin.token, body: rows[11]!.body!('admin') })).status).toBe(200);
    expect((await t.api('GET', '/acks', { token: dispAdmin.token })).status).toBe(403);
  });

  it('GET /health and GET /banner answer anyone, with no token', async () => {
    const health = await t.api('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String), clients: expect.any(Number) });
    const banner = await t.api('GET', '/banner');
    expect(banner.status).toBe(200);
    expect(banner.body).toEqual({ text: expect.any(String) });
  });

  it('POST /session/refresh answers as POST /session does', async () => {
    const s = await t.login(as.dispatcher!.user);
    const res = await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: as.dispatcher!.user.id, username: as.dispatcher!.user.username, displayName: expect.any(String), roles: ['dispatcher'], unit: null },
    });
    expect(res.body.expiresIn).toBeGreaterThan(0);
    expect((await t.api('GET', '/policy', { token: res.body.accessToken })).status).toBe(200);
  });

  it('DELETE /session answers 204 with no body, for every role', async () => {
    for (const role of ROLES) {
      const s = await t.login(as[role]!.user);
      const res = await t.api('DELETE', '/session', { token: s.accessToken });
      expect(res.status, role).toBe(204);
      expect(res.text, role).toBe('');
    }
    expect((await t.api('DELETE', '/session', { token: t.ingestKey })).body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('locks after 5 consecutive failures: a success in between starts the count again', async () => {
    const user = await t.addUser(['trooper']);
    const wrong = { username: user.username, password: 'Wrong-Password-1' };
    for (let i = 0; i < 4; i++) expect((await t.api('POST', '/session', { body: wrong })).status).toBe(401);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.api('POST', '/session', { body: wrong })).status, `failure ${i + 1} after the success`).toBe(401);
    // 1.1: after 5 failed sign-ins the 6th attempt, with any password, is 423.
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(423);
  });

  it('login errors carry the protocol error body exactly', async () => {
    const user = await t.addUser(['trooper']);
    const wrong = await t.api('POST', '/session', { body: { username: user.username, password: 'Wrong-Password-1' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'bad_credentials', message: expect.any(String) } });
    for (let i = 0; i < 4; i++) await t.api('POST', '/session', { body: { username: user.username, password: 'Wrong-Password-1' } });
    const locked = await t.api('POST', '/session', { body: { username: user.username, password: 'Wrong-Password-1' } });
    expect(locked.status).toBe(423);
    expect(locked.body).toEqual({ error: { code: 'locked', message: expect.any(String), retryAfter: expect.any(Number) } });
    expect(locked.body.error.retryAfter).toBeGreaterThan(0);
    const invalid = await t.api('POST', '/session', { body: { username: 42 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(invalid.body.issues.length).toBeGreaterThan(0);
    for (const issue of invalid.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['username', 'password']));
  });
});
