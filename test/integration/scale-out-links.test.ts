/**
 * Lost links with two hub processes on one Postgres and one Redis (docs/architecture.md#delivery-guarantees: "a hub node that
 * loses its Redis or database link must not leave connected clients silently behind"): Redis
 * killed and restarted under connected desks, and one node's database link cut and restored.
 * Every alert reaches every desk, each exactly once, and both hubs keep running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertClient } from '../support/alert-client.js';
import { ackEvent } from '../support/acks.js';
import { CLUSTER_METRICS_TOKEN, HubCluster, SUITE_TIMEOUT_MS, arrivals, settle } from '../support/hub-cluster.js';
import { makeHit } from '../support/hits.js';
import { scaleOutServices } from '../support/services.js';
import { sampleValue, scrapeMetrics } from '../support/metrics-scrape.js';

const run = scaleOutServices().ok || process.env.CI === 'true';

async function allArrive(desks: AlertClient[], ids: string[], what: string): Promise<void> {
  await settle(() => desks.every((d) => ids.every((id) => arrivals(d).has(id))), what);
}

function exactlyOnce(desk: AlertClient): void {
  const repeated = [...arrivals(desk)].filter(([, n]) => n > 1);
  expect(repeated).toEqual([]);
}

/** A node's gauge from its GET /metrics (docs/metrics.md): `opentas_redis_up`, `opentas_database_up`. */
async function gauge(c: HubCluster, node: number, name: string): Promise<number | undefined> {
  return sampleValue(await scrapeMetrics(c.url(node), CLUSTER_METRICS_TOKEN), name);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Milliseconds from a 202 on node 0 to the alert on `desk` (a figure for the report, not asserted). */
async function crossNodeLatency(c: HubCluster, desk: AlertClient, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const { id } = await c.postHit(0, makeHit());
    await settle(() => arrivals(desk).has(id), 'latency probe');
    times.push(performance.now() - t0);
  }
  return Math.round(median(times));
}

describe.skipIf(!run)('scale-out: lost Redis and database links', () => {
  let cluster: HubCluster | undefined;

  beforeAll(async () => {
    // Node 0 reaches Postgres through a proxy, so its database link can be cut alone.
    cluster = await HubCluster.start('scale-out links', { proxiedDbLink: [0] });
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => cluster?.stop());

  it('misses nothing while Redis is down and after it restarts', async () => {
    const c = cluster!;
    const [u1, u2] = [await c.addUser(['trooper']), await c.addUser(['trooper'])];
    const onA = c.connect(0, { token: await c.token(0, u1), clientId: 'desk-r1' });
    const onB = c.connect(1, { token: await c.token(1, u2), clientId: 'desk-r2' });
    await Promise.all([onA.ready(), onB.ready()]);
    const withRedis = await crossNodeLatency(c, onB, 5);
    expect([await gauge(c, 0, 'opentas_redis_up'), await gauge(c, 1, 'opentas_redis_up')]).toEqual([1, 1]);

    await c.redis.kill();
    // Each node's metrics say Redis is gone (and the database is still there).
    await settle(async () => (await gauge(c, 0, 'opentas_redis_up')) === 0 && (await gauge(c, 1, 'opentas_redis_up')) === 0, 'redis_up 0 on both nodes');
    expect(await gauge(c, 0, 'opentas_database_up')).toBe(1);
    const during = [];
    for (let i = 0; i < 6; i++) during.push(await c.postHit(i % 2, makeHit()));
    await allArrive([onA, onB], during.map((p) => p.id), 'alerts ingested while Redis is down');
    const withoutRedis = await crossNodeLatency(c, onB, 3);

    const policiesBefore = [onA.policies.length, onB.policies.length];
    await c.redis.restart();
    const after = await Promise.all(Array.from({ length: 6 }, (_, i) => c.postHit(i % 2, makeHit())));
    await allArrive([onA, onB], after.map((p) => p.id), 'alerts ingested after Redis restarted');
    exactlyOnce(onA);
    exactlyOnce(onB);

    // A node whose Redis link is back catches its desks up once more, policy included: so a new
    // policy push on each desk says that node's adapter is connected and subscribed again.
    await settle(() => onA.policies.length > policiesBefore[0]! && onB.policies.length > policiesBefore[1]!, 'both nodes back on Redis');
    await settle(async () => (await gauge(c, 0, 'opentas_redis_up')) === 1 && (await gauge(c, 1, 'opentas_redis_up')) === 1, 'redis_up 1 on both nodes');
    // Then an ack made on node A reaches the desk on node B through the adapter.
    const answer = await onA.sendAck(ackEvent(after[0]!.id, 'acknowledged'));
    expect(answer).toMatchObject({ ok: true });
    await settle(() => onB.acks.some((e) => e.alertId === after[0]!.id && e.userId === u1.id), 'the ack fanned out through Redis');
    expect(c.nodes.every((n) => n.child.exitCode === null)).toBe(true);
    console.log(`[scale-out links] cross-node delivery, median: ${withRedis} ms with Redis, ${withoutRedis} ms with Redis down (store catch-up)`);
    onA.close();
    onB.close();
  }, SUITE_TIMEOUT_MS);

  for (const outage of ['a short blip', 'an outage the catch-up timer notices'] as const) {
    it(`catches a node's desks up when its database link comes back (${outage})`, async () => {
      const c = cluster!;
      const user = await c.addUser(['trooper']);
      const onA = c.connect(0, { token: await c.token(0, user), clientId: 'desk-d1' });
      const onB = c.connect(1, { token: await c.token(1, user), clientId: 'desk-d2' });
      await Promise.all([onA.ready(), onB.ready()]);
      const proxy = c.dbProxies[0]!;
      const reportsBefore = (c.stderr[0]!.match(/catch-up: cannot read the store/g) ?? []).length;

      proxy.mode = 'refuse';
      proxy.cutAll();
      // Node B still has its database: it takes alerts, and its own desk gets them.
      const during = await Promise.all(Array.from({ length: 5 }, () => c.postHit(1, makeHit())));
      await allArrive([onB], during.map((p) => p.id), 'alerts on node B while node A has no database');
      // Node A cannot store anything meanwhile: it refuses the hit rather than losing it.
      const refused = await c.api(0, 'POST', '/hits', { token: c.ingestKey, body: makeHit() });
      expect(refused.status).toBeGreaterThanOrEqual(500);
      // Its metrics say so; node B's database is fine.
      expect(await gauge(c, 0, 'opentas_database_up')).toBe(0);
      expect(await gauge(c, 1, 'opentas_database_up')).toBe(1);
      if (outage === 'an outage the catch-up timer notices') {
        await settle(() => (c.stderr[0]!.match(/catch-up: cannot read the store/g) ?? []).length > reportsBefore, 'node A to notice');
      }

      proxy.mode = 'forward';
      await allArrive([onA], during.map((p) => p.id), "node A's desk caught up after the link came back").catch((err: unknown) => {
        console.error(c.stderr[0]!.slice(-5000));
        throw err;
      });
      const later = await c.postHit(0, makeHit());
      await allArrive([onA, onB], [later.id], 'a new alert on both desks');
      expect(await gauge(c, 0, 'opentas_database_up')).toBe(1);
      exactlyOnce(onA);
      exactlyOnce(onB);
      expect(c.nodes.every((n) => n.child.exitCode === null)).toBe(true);
      onA.close();
      onB.close();
    }, SUITE_TIMEOUT_MS);
  }
});

if (!run) console.warn(`[scale-out links] skipped: ${scaleOutServices().reason}`);
