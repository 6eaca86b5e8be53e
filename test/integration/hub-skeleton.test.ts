/**
 * The walking skeleton end to end: sign-in, ingest (ok, duplicate, malformed, keys), the stream's
 * handshake refusals, hello, live alerts with stored receipts, and replay from resumeFrom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubTestClock } from '../support/hub-clock.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

describe('hub walking skeleton', () => {
  let t: TestHub;
  let trooper: TestUser;

  beforeAll(async () => {
    t = await startTestHub();
    trooper = await t.addUser(['trooper'], { unit: 'Troop 3' });
  });
  afterAll(async () => t.close());

  it('answers health', async () => {
    const res = await t.api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: expect.any(String), clients: expect.any(Number) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in with the right password', async () => {
    const res = await t.api('POST', '/session', { body: { username: trooper.username, password: trooper.password } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: { id: trooper.id, username: trooper.username, roles: ['trooper'], unit: 'Troop 3', displayName: expect.any(String) },
    });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await t.api('POST', '/session', { body: { username: trooper.username, password: 'not-the-password' } });
    const unknown = await t.api('POST', '/session', { body: { username: 'nobody-here', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: { code: 'bad_credentials', message: expect.any(String) } });
  });

  it('ingests a hit (202), then answers the same id as a duplicate (200)', async () => {
    const hit = makeHit();
    const first = await t.postHit(hit);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ id: hit.id, seq: expect.any(Number) });
    const again = await t.postHit(hit);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: hit.id, seq: first.body.seq, duplicate: true });
  });

  it('refuses a malformed hit with issues and stores nothing', async () => {
    const head = await t.hub.store.alerts.headSeq();
    const bad = { ...makeHit(), plate: 'abc-12', hotlist: { source: 'NCIC', plate: 'ABC1234', state: 'IL' } };
    const res = await t.postHit(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_hit');
    const paths = (res.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toContain('plate');
    expect(paths).toContain('hotlist.reason');
    expect(await t.hub.store.alerts.headSeq()).toBe(head);
    expect(await t.hub.store.alerts.byId(bad.id)).toBeUndefined();
  });

  it('refuses bad JSON with 400 and keeps running', async () => {
    const res = await t.api('POST', '/hits', { token: t.ingestKey, raw: '{"id": "x", ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_hit');
    expect((await t.api('GET', '/health')).status).toBe(200);
  });

  it('refuses ingest without a key or with a wrong key or a user token', async () => {
    const { token } = await t.signedIn(['admin']);
    for (const key of [undefined, 'otk_wrong', token]) {
      const res = await t.api('POST', '/hits', { ...(key ? { token: key } : {}), body: makeHit() });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('refuses bodies over 2 MiB with 413 too_large', async () => {
    const res = await t.api('POST', '/hits', { token: t.ingestKey, raw: `{"pad":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}` });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
  });

  it('refuses a socket with a bad token', async () => {
    const c = t.connect({ token: 'not-a-jwt' });
    expect(await c.refused()).toBe('unauthorized');
    const d = t.connect({ token: '' });
    expect(await d.refused()).toBe('unauthorized');
  });

  it('sends hello, then live alerts, and stores the receipt', async () => {
    const tokens = await t.login(trooper);
    const c = t.connect({ token: tokens.accessToken, clientId: 'desk-live' });
    const hello = await c.ready();
    expect(hello).toMatchObject({ serverTime: expect.any(String), headSeq: expect.any(Number), gap: false, zones: [] });
    expect(hello.policy.mandatoryCategories).toEqual(expect.arrayContaining(['felony', 'stolen', 'amber', 'silver']));
    const hit = makeHit({ category: 'felony' });
    const posted = await t.postHit(hit);
    const alerts = await waitFor(() => c.alerts.find((a) => a.alert.id === hit.id), 'the live alert');
    expect(alerts).toEqual({ seq: posted.body.seq, alert: { id: hit.id, hit, ingestedAt: expect.any(String) } });
    const receipts = await waitFor(async () => {
      const r = await t.hub.store.receipts.forAlert(hit.id);
      return r.length > 0 && r;
    }, 'the receipt');
    expect(receipts[0]).toMatchObject({ alertId: hit.id, userId: trooper.id, clientId: 'desk-live' });
  });

  it('replays from resumeFrom in seq order, then goes live', async () => {
    const start = await t.hub.store.alerts.headSeq();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const hit = makeHit();
      ids.push(hit.id);
      expect((await t.postHit(hit)).status).toBe(202);
    }
    const tokens = await t.login(trooper);
    const c = t.connect({ token: tokens.accessToken, clientId: 'desk-replay', resumeFrom: start + 2 });
    await c.ready();
    await c.alertCount(3);
    expect(c.alerts.map((a) => a.alert.id)).toEqual(ids.slice(2));
    const seqs = c.alerts.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const live = makeHit();
    await t.postHit(live);
    await c.alertCount(4);
    expect(c.alerts[3]?.alert.id).toBe(live.id);
  });
});

describe('token expiry on the stream', () => {
  it('refuses an expired access token with token_expired', async () => {
    const clock = new HubTestClock();
    const t = await startTestHub({ clock });
    try {
      const { token } = await t.signedIn(['trooper']);
      clock.advance(16 * 60_000);
      const c = t.connect({ token });
      expect(await c.refused()).toBe('token_expired');
      const res = await t.api('GET', '/health');
      expect(res.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('health when the store is gone', () => {
  it('answers 503 unavailable so a load balancer takes the node out', async () => {
    const t = await startTestHub();
    try {
      expect((await t.api('GET', '/health')).status).toBe(200);
      await t.hub.store.close();
      const res = await t.api('GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    } finally {
      await t.close();
    }
  });
});
