/**
 * The hub keeps running through 1,000 malformed requests of assorted kinds (bad JSON, wrong types,
 * huge bodies, unknown fields, SQL-like strings, hostile shapes, wrong content types, bad tokens)
 * and stores none of them; every answer is a 4xx with the protocol's error body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/backend/simulator/hit-generator.js';
import type { ApiRequest } from '../support/api.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, zone } from '../support/zones.js';

interface Attempt {
  kind: string;
  method: string;
  path: string;
  req: ApiRequest;
}

const SQL = ["'; DROP TABLE alerts; --", '1 OR 1=1', "' UNION SELECT * FROM users --", 'Robert"); DELETE FROM ack_log;--'];

function attempts(key: string, dispatcherToken: string, adminToken: string): Attempt[] {
  const rnd = seededRandom(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const hits = (body: unknown, kind: string): Attempt => ({ kind, method: 'POST', path: '/hits', req: { token: key, body } });
  const makers: (() => Attempt)[] = [
    () => {
      const json = JSON.stringify(makeHit());
      return { kind: 'bad json', method: 'POST', path: '/hits', req: { token: key, raw: json.slice(0, Math.floor(rnd() * (json.length - 1))) } };
    },
    () => hits({ ...makeHit(), plate: Math.floor(rnd() * 1e6) }, 'wrong type: plate'),
    () => hits({ ...makeHit(), location: pick(['41.8,-87.6', null, [41.8, -87.6], { lat: '41.8', lon: -87.6 }]) }, 'wrong type: location'),
    () => hits({ ...makeHit(), readAt: pick(['yesterday', 1732766100000, '2026-13-45T99:00:00Z', '']) }, 'wrong type: readAt'),
    () => hits({ ...makeHit(), category: pick(['STOLEN', 'theft', '', 7]) }, 'bad category'),
    () => hits({ ...makeHit(), [pick(['admin', 'seq', 'ingestedAt', 'owner', 'isTest'])]: true }, 'unknown field'),
    () => hits({ ...makeHit(), hotlist: { ...makeHit().hotlist, extra: pick(SQL) } }, 'unknown nested field'),
    () => hits({ ...makeHit(), plate: pick(SQL) }, 'sql in plate'),
    () => hits({ ...makeHit(), id: pick(SQL) + 'x'.repeat(200) }, 'sql in an over-long id'),
    () => hits({ ...makeHit(), camera: { id: pick(SQL), name: '', type: 'stationary', network: 'isp' } }, 'sql in camera with empty name'),
    () => hits({ ...makeHit(), images: { plate: `data:image/png;base64,${'A'.repeat(800_000)}` } }, 'oversized image'),
    () => hits({ ...makeHit(), images: { plate: 'javascript:alert(1)' } }, 'hostile image uri'),
    () => hits(pick([null, [], 'hit', 42, true, [makeHit()]]), 'not an object'),
    () => ({ kind: 'proto pollution', method: 'POST', path: '/hits', req: { token: key, raw: `{"__proto__":{"admin":true},"id":"p${rnd()}"}` } }),
    () => {
      let nested = '{"a":1}';
      for (let i = 0; i < 2000; i++) nested = `{"a":${nested}}`;
      return { kind: 'deep nesting', method: 'POST', path: '/hits', req: { token: key, raw: nested } };
    },
    () => ({ kind: 'wrong content type', method: 'POST', path: '/hits', req: { token: key, raw: JSON.stringify(makeHit()), headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) } } }),
    () => ({ kind: 'empty body', method: 'POST', path: '/hits', req: { token: key, raw: '' } }),
    () => ({ kind: 'bad key', method: 'POST', path: '/hits', req: { token: pick(SQL).replaceAll(' ', ''), body: makeHit() } }),
    () => ({ kind: 'bad json login', method: 'POST', path: '/session', req: { raw: pick(['{"username":', '[[[', 'null', '{"username":"a","password":"b","otp":123}', '{"username":1,"password":[]}']) } }),
    () => ({ kind: 'sql login', method: 'POST', path: '/session', req: { body: { username: pick(SQL), password: pick(SQL), extra: 1 } } }),
    () => ({ kind: 'broken zone', method: 'PUT', path: '/zones/z-bad', req: { token: dispatcherToken, body: { ...zone('z-bad', CHICAGO), geometry: pick([{ type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }, { type: 'Polygon', coordinates: 'x' }]) } } }),
    () => ({ kind: 'sql zone id', method: 'PUT', path: `/zones/${encodeURIComponent(pick(SQL))}`, req: { token: dispatcherToken, body: zone('z', CHICAGO) } }),
    () => ({ kind: 'bad policy', method: 'PUT', path: '/policy', req: { token: adminToken, body: pick([{}, { mandatoryCategories: [] }, { mandatoryCategories: ['felony'], statewideCategories: 'all' }]) } }),
    () => ({ kind: 'bad query', method: 'GET', path: `/alerts?limit=${pick(['-1', 'abc', '100000'])}&bbox=${encodeURIComponent(pick(SQL))}`, req: { token: dispatcherToken } }),
    () => ({ kind: 'garbage token', method: 'GET', path: '/zones', req: { token: pick(['x.y.z', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0.', pick(SQL).replaceAll(' ', '')]) } }),
  ];
  const list: Attempt[] = [];
  for (let i = 0; i < 990; i++) list.push(pick(makers)());
  // Huge bodies are few but real: each is just over the 2 MiB limit.
  for (let i = 0; i < 10; i++) list.push({ kind: 'huge body', method: 'POST', path: '/hits', req: { token: key, raw: `{"id":"${'h'.repeat(2 * 1024 * 1024 + i)}"}` } });
  return list;
}

describe('robustness', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t.close());

  it('survives 1,000 malformed requests and stores none of them', async () => {
    const dispatcher = await t.signedIn(['dispatcher']);
    const admin = await t.signedIn(['admin']);
    const before = { head: await t.hub.store.alerts.headSeq(), users: await t.hub.store.users.count(), zones: (await t.hub.store.zones.list()).length, policy: await t.hub.store.policy.get() };
    const all = attempts(t.ingestKey, dispatcher.token, admin.token);
    expect(all).toHaveLength(1000);
    const statuses = new Map<string, Set<number>>();
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25);
      const answers = await Promise.all(batch.map((a) => t.api(a.method, a.path, a.req)));
      answers.forEach((res, j) => {
        const a = batch[j]!;
        expect(res.status, `${a.kind}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${a.kind}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        expect(res.body?.error, a.kind).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
        if (!statuses.has(a.kind)) statuses.set(a.kind, new Set());
        statuses.get(a.kind)!.add(res.status);
      });
    }
    expect((await t.api('GET', '/health')).status).toBe(200);
    expect(await t.hub.store.alerts.headSeq()).toBe(before.head);
    expect(await t.hub.store.users.count()).toBe(before.users);
    expect((await t.hub.store.zones.list()).length).toBe(before.zones);
    expect(await t.hub.store.policy.get()).toEqual(before.policy);
    expect([...(statuses.get('huge body') ?? [])]).toEqual([413]);
    expect(statuses.size).toBeGreaterThan(20);
    const good = await t.postHit(makeHit());
    expect(good.status).toBe(202);
    // 1,000 requests, ten of them 2 MiB bodies, against an in-process hub: 59-85 s at load 22-30 on two
    // shared cores (session 6's repeats; the commit before this session took 70 s beside it in the same run),
    // past the tier's 60 s. A budget for the work, not a measurement.
  }, 180_000);

  it('keeps serving through hostile socket messages and records none of them', async () => {
    const { token } = await t.signedIn(['trooper']);
    const hit = makeHit();
    await t.postHit(hit);
    const desk = t.connect({ token, clientId: 'hostile' });
    await desk.ready();
    const entriesBefore = (await t.hub.store.acks.rows(0, 10_000)).length;
    const hostile: unknown[] = [null, 42, 'DROP TABLE ack_log', [], { eventId: crypto.randomUUID() }, { __proto__: { ok: true } },
      { eventId: crypto.randomUUID(), alertId: hit.id, type: 'acknowledged', at: 'now' },
      { eventId: crypto.randomUUID(), alertId: hit.id, type: 'hacked', at: new Date().toISOString() },
      { eventId: crypto.randomUUID(), alertId: 'x'.repeat(10_000), type: 'acknowledged', at: new Date().toISOString() }];
    for (const payload of hostile) {
      const answer = await desk.sendAck(payload);
      expect(answer.ok).toBe(false);
    }
    // No callback, unknown events, a binary blob: ignored without harm.
    desk.socket.emit('ack', { eventId: crypto.randomUUID(), alertId: hit.id, type: 'acknowledged', at: new Date().toISOString(), extra: 1 });
    desk.socket.emit('alert', { seq: 1 });
    desk.socket.emit('admin:drop', Buffer.alloc(1024));
    expect((await desk.sendAck({ eventId: crypto.randomUUID(), alertId: hit.id, type: 'acknowledged', at: new Date().toISOString() })).ok).toBe(true);
    expect((await t.hub.store.acks.rows(0, 10_000)).length).toBe(entriesBefore + 1);
    // A frame over the 1 MB socket limit ends that connection only.
    const big = t.connect({ token, clientId: 'big' });
    await big.ready();
    big.socket.emit('ack', { pad: 'x'.repeat(2_000_000) });
    await waitFor(() => big.socket.disconnected, 'the oversized connection to close');
    expect(desk.socket.connected).toBe(true);
    expect((await t.api('GET', '/health')).status).toBe(200);
  });
});

