/**
 * docs/protocol.md conformance, the list queries: `GET /alerts?since&until&category&bbox&limit&cursor`
 * and `GET /acks?since&until...` (and its CSV) filter by time whatever zone the caller writes the
 * time in ("All times are ISO 8601 strings with a zone"), page with `nextCursor` until null, and
 * refuse a bad query with `issues`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

type Signed = { user: TestUser; token: string };
const T0 = '2026-11-28T03:00:00.000Z';
const MIN = 60_000;

describe('docs/protocol.md list queries', () => {
  let t: TestHub;
  let clock: HubTestClock;
  let sup: Signed;
  let disp: Signed;
  const ids: string[] = [];

  beforeAll(async () => {
    clock = new HubTestClock(T0);
    t = await startTestHub({ clock });
    const me = await t.addUser(['trooper']);
    // Ingested at 03:00:00.000, 03:00:00.500, 03:30 and 04:00 UTC; each acknowledged at once.
    for (const step of [0, 500, 30 * MIN - 500, 30 * MIN]) {
      clock.advance(step);
      // Each step signs in and connects afresh, as a desk does after refreshing: the clock has moved past
      // the last 15-minute access token, and the session watch (a real one-second tick) would end a socket
      // that kept it, sometimes between the alert and its acknowledgement.
      const desk = t.connect({ token: (await t.login(me)).accessToken, clientId: 'queries' });
      await desk.ready();
      const hit = makeHit({ category: ids.length === 3 ? 'felony' : 'stolen' });
      ids.push(hit.id);
      expect((await t.postHit(hit)).status).toBe(202);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === hit.id), 'the alert');
      expect((await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).ok).toBe(true);
      desk.close();
    }
    // Signed in after the clock moved, so their tokens are fresh.
    sup = await t.signedIn(['supervisor']);
    disp = await t.signedIn(['dispatcher']);
  });
  afterAll(async () => t.close());

  const alertIds = async (query: string): Promise<string[]> => {
    const res = await t.api('GET', `/alerts?${query}`, { token: disp.token });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    return (res.body.items as { id: string }[]).map((a) => a.id).sort((x, y) => ids.indexOf(x) - ids.indexOf(y));
  };
  const ackAlertIds = async (query: string): Promise<string[]> => {
    const res = await t.api('GET', `/acks?${query}`, { token: sup.token });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    return (res.body.items as { alertId: string }[]).map((e) => e.alertId);
  };
  const q = (name: string, time: string): string => `${name}=${encodeURIComponent(time)}`;

  it('filters alerts by since and until in UTC', async () => {
    expect(await alertIds(q('since', '2026-11-28T03:15:00.000Z'))).toEqual(ids.slice(2));
    expect(await alertIds(q('until', '2026-11-28T03:15:00.000Z'))).toEqual(ids.slice(0, 2));
    expect(await alertIds(`${q('since', '2026-11-28T03:15:00.000Z')}&${q('until', '2026-11-28T03:45:00.000Z')}`)).toEqual([ids[2]]);
  });

  it('reads since and until written with another zone as the same instants', async () => {
    // 05:15+02:00 and 21:15-06:00 (the day before) are both 03:15Z.
    expect(await alertIds(q('since', '2026-11-28T05:15:00.000+02:00'))).toEqual(ids.slice(2));
    expect(await alertIds(q('until', '2026-11-27T21:15:00-06:00'))).toEqual(ids.slice(0, 2));
    expect(await ackAlertIds(q('since', '2026-11-28T05:15:00+02:00'))).toEqual(ids.slice(2));
    expect(await ackAlertIds(q('until', '2026-11-27T21:15:00.000-06:00'))).toEqual(ids.slice(0, 2));
  });

  it('reads a time without fractions of a second as that exact instant', async () => {
    // 03:00:00Z is the first alert's instant; the second came half a second later.
    expect(await alertIds(q('since', '2026-11-28T03:00:00Z'))).toEqual(ids);
    expect(await alertIds(q('until', '2026-11-28T03:00:01Z'))).toEqual(ids.slice(0, 2));
    expect(await ackAlertIds(q('since', '2026-11-28T03:00:00Z'))).toEqual(ids);
  });

  it('exports the same filters as CSV', async () => {
    const res = await t.api('GET', `/acks/export.csv?${q('since', '2026-11-28T05:15:00+02:00')}&category=felony`, { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = res.text.trim().split(/\r?\n/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(ids[3]);
  });

  it('pages alerts and acks with nextCursor until it is null', async () => {
    for (const [path, token] of [['/alerts', disp.token], ['/acks', sup.token]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: { items: { id?: string; eventId?: string }[]; nextCursor: string | null } } =
          await t.api('GET', `${path}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        expect(page.status).toBe(200);
        // GET /acks adds `context` (plate, category, unit per item) beside the hashed entries: a documented addition.
        expect(Object.keys(page.body).sort()).toEqual(path === '/acks' ? ['context', 'items', 'nextCursor'] : ['items', 'nextCursor']);
        if (path === '/acks') expect((page.body as unknown as { context: unknown[] }).context).toHaveLength(page.body.items.length);
        seen.push(...page.body.items.map((i) => i.id ?? i.eventId ?? ''));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);
      expect(cursor, path).toBeNull();
      expect(new Set(seen).size, path).toBe(4);
      expect(seen, path).toHaveLength(4);
    }
  });

  it('refuses a bad time, category, bbox or limit with issues naming the parameter', async () => {
    for (const [query, path] of [['since=yesterday', 'since'], ['until=2026-11-28T03:00:00', 'until'], ['category=parking', 'category'], ['bbox=-88,41,-89,42', 'bbox'], ['limit=0', 'limit']]) {
      const res = await t.api('GET', `/alerts?${query}`, { token: disp.token });
      expect(res.status, query).toBe(400);
      expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
      expect(res.body.issues.map((i: { path: string }) => i.path), query).toContain(path);
      for (const issue of res.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  });
});
