/**
 * GET /me/alerts (issue 12): a user's own delivered alerts, with their trails, searchable by plate,
 * category and date; an alert ingested while the desk was offline appears once the desk's replay
 * delivered it; another user's alerts never do; a bad query is 400 and reads nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHub, startTestHub } from '../support/hub.js';
import { makeHit } from '../support/hits.js';
import { ackEvent } from '../support/acks.js';
import { waitFor } from '../support/wait.js';

interface Item {
  seq: number;
  alert: { id: string; hit: { plate: string; category: string; images?: unknown } };
  receivedAt: string | null;
  trail: { type: string; userId: string }[];
}
type Page = { items: Item[]; nextCursor: string | null };

describe('GET /me/alerts', () => {
  let t: TestHub;
  let mine: string;
  let other: string;
  beforeAll(async () => {
    t = await startTestHub();
    mine = (await t.signedIn(['trooper'])).token;
    other = (await t.signedIn(['trooper'])).token;
  });
  afterAll(async () => t.close());

  const history = (token: string, query = ''): Promise<Page> =>
    t.api<Page>('GET', `/me/alerts${query}`, { token }).then((r) => {
      expect(r.status, r.text).toBe(200);
      return r.body;
    });

  it('lists what reached my desk, with the trail; an alert ingested while I was offline once it is replayed', async () => {
    const desk = t.connect({ token: mine, clientId: 'desk-a' });
    const hello = await desk.ready();
    const first = makeHit({ plate: 'KP4471', category: 'stolen' });
    await t.postHit(first);
    await desk.alertCount(1);
    expect((await desk.sendAck(ackEvent(first.id, 'acknowledged'))).ok).toBe(true);
    desk.close();

    // Offline: this one is ingested while no desk of mine is connected.
    const whileOffline = makeHit({ plate: 'OFF1234', category: 'felony' });
    const { seq } = (await t.postHit(whileOffline)).body as { seq: number };
    expect((await history(mine, '?plate=OFF')).items).toEqual([]);

    const back = t.connect({ token: mine, clientId: 'desk-a', resumeFrom: seq - 1 });
    await back.ready();
    await back.alertCount(1);
    expect(hello.headSeq).toBeLessThan(seq);
    const page = await waitFor(async () => {
      const p = await history(mine);
      return p.items.length === 2 ? p : undefined;
    }, 'both alerts in my history');
    expect(page.items.map((i) => i.alert.id)).toEqual([whileOffline.id, first.id]);
    expect(page.items[0]?.receivedAt).toMatch(/^\d{4}-/);
    expect(page.items[1]?.trail.map((e) => e.type)).toEqual(['acknowledged']);
    expect(page.items[0]?.alert.hit.images).toBeUndefined();
    back.close();
  });

  it('searches by part of a plate (any case, spaces ignored), category and date; pages by cursor', async () => {
    expect((await history(mine, '?plate=kp%2044')).items.map((i) => i.alert.hit.plate)).toEqual(['KP4471']);
    expect((await history(mine, '?category=felony')).items.map((i) => i.alert.hit.plate)).toEqual(['OFF1234']);
    expect((await history(mine, `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);
    const one = await history(mine, '?limit=1');
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();
    const next = await history(mine, `?limit=1&cursor=${one.nextCursor}`);
    expect(next.items.map((i) => i.alert.hit.plate)).toEqual(['KP4471']);
  });

  it("never lists another user's alerts", async () => {
    expect((await history(other)).items).toEqual([]);
  });

  it('refuses a malformed query in words and without a token', async () => {
    const bad = await t.api('GET', '/me/alerts?plate=K%23P', { token: mine });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await t.api('GET', '/me/alerts?limit=5000', { token: mine })).status).toBe(400);
    expect((await t.api('GET', '/me/alerts')).status).toBe(401);
  });
});
