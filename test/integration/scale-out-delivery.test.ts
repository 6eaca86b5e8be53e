/**
 * Two hub processes behind one Postgres and one Redis (docs/architecture.md#delivery-guarantees): an alert
 * ingested on one node reaches desks on the other exactly once; seq stays unique and increasing
 * under concurrent ingest on both; a desk that reconnects to the other node resumes without loss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/shared/ipc.js';
import { removeDir, startTestClient } from '../support/client-harness.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import type { AlertClient } from '../support/alert-client.js';
import { TEST_PASSWORD } from '../support/passwords.js';
import { HubCluster, SUITE_TIMEOUT_MS, arrivals, settle } from '../support/hub-cluster.js';
import { makeHit } from '../support/hits.js';
import { scaleOutServices } from '../support/services.js';

const run = scaleOutServices().ok || process.env.CI === 'true';

const seqs = (c: AlertClient): number[] => c.alerts.map((a) => a.seq);

describe.skipIf(!run)('scale-out: delivery across two hub nodes', () => {
  let cluster: HubCluster | undefined;
  let token: string[] = [];

  beforeAll(async () => {
    cluster = await HubCluster.start('scale-out delivery');
    const user = await cluster!.addUser(['trooper']);
    token = [await cluster!.token(0, user), await cluster!.token(1, user)];
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => cluster?.stop());

  it('delivers an alert ingested on node A to a desk on node B exactly once', async () => {
    const c = cluster!;
    const onA = c.connect(0, { token: token[0]!, clientId: 'desk-a' });
    const onB = c.connect(1, { token: token[1]!, clientId: 'desk-b' });
    await Promise.all([onA.ready(), onB.ready()]);
    const first = await c.postHit(0, makeHit());
    // A second alert after it: once it is in, anything the first was going to repeat has arrived.
    const marker = await c.postHit(0, makeHit());
    await settle(() => arrivals(onB).has(marker.id) && arrivals(onA).has(marker.id), 'both desks to get the marker');
    for (const desk of [onA, onB]) {
      expect(arrivals(desk).get(first.id)).toBe(1);
      expect(seqs(desk)).toEqual([first.seq, marker.seq]);
    }
    // The receipt from the desk on B is stored and visible from node A.
    const supervisor = await c.addUser(['supervisor']);
    const sv = await c.token(0, supervisor);
    const detail = await settle(async () => {
      const res = await c.api(0, 'GET', `/alerts/${first.id}`, { token: sv });
      const receipts = (res.body as { receipts?: { clientId: string }[] }).receipts ?? [];
      return res.status === 200 && receipts.some((r) => r.clientId === 'desk-b') && res;
    }, 'the receipt from the desk on node B, seen from node A');
    expect(detail.status).toBe(200);
    onA.close();
    onB.close();
  }, SUITE_TIMEOUT_MS);

  it('keeps seq unique and increasing across nodes under concurrent ingest on both', async () => {
    const c = cluster!;
    const onA = c.connect(0, { token: token[0]!, clientId: 'desk-a2' });
    const onB = c.connect(1, { token: token[1]!, clientId: 'desk-b2' });
    const [helloA, helloB] = await Promise.all([onA.ready(), onB.ready()]);
    const before = Math.max(helloA.headSeq, helloB.headSeq);
    const posted = await Promise.all(Array.from({ length: 80 }, (_, i) => c.postHit(i % 2, makeHit())));
    const ids = new Set(posted.map((p) => p.id));
    const numbers = posted.map((p) => p.seq);
    expect(new Set(numbers).size).toBe(80);
    expect(Math.min(...numbers)).toBeGreaterThan(before);
    for (const desk of [onA, onB]) {
      await settle(() => [...ids].every((id) => arrivals(desk).has(id)), `all 80 alerts on ${desk === onA ? 'A' : 'B'}`);
      const fresh = desk.alerts.filter((a) => ids.has(a.alert.id));
      expect(fresh).toHaveLength(80);
      // In seq order with no repeats: each node's cursor never goes back.
      const got = fresh.map((a) => a.seq);
      expect(got).toEqual([...numbers].sort((x, y) => x - y));
    }
    onA.close();
    onB.close();
  }, SUITE_TIMEOUT_MS);

  it('lets a desk that reconnects to the other node resume without loss (with a small overlap)', async () => {
    const c = cluster!;
    const desk = c.connect(0, { token: token[0]!, clientId: 'desk-roaming' });
    await desk.ready();
    const early = await Promise.all([c.postHit(0, makeHit()), c.postHit(1, makeHit())]);
    await settle(() => early.every((p) => arrivals(desk).has(p.id)), 'early alerts');
    const resumeFrom = Math.max(...desk.alerts.map((a) => a.seq));
    desk.close();

    // While the desk is away, both nodes take alerts.
    const missed = await Promise.all(Array.from({ length: 10 }, (_, i) => c.postHit(i % 2, makeHit())));
    const back = c.connect(1, { token: token[1]!, clientId: 'desk-roaming', resumeFrom });
    await back.ready();
    await settle(() => missed.every((p) => arrivals(back).has(p.id)), 'the missed alerts on node B');
    const replayed = back.alerts.map((a) => a.seq);
    // Everything after resumeFrom, in order, each once; and some before it (the overlap).
    expect(replayed.filter((s) => s > resumeFrom)).toEqual(missed.map((p) => p.seq).sort((x, y) => x - y));
    expect(replayed.some((s) => s <= resumeFrom)).toBe(true);
    expect(new Set(back.alerts.map((a) => a.alert.id)).size).toBe(back.alerts.length);
    back.close();
  }, SUITE_TIMEOUT_MS);

  it('shows every alert once on a real desk that roams from node A to node B', async () => {
    const c = cluster!;
    const user = await c.addUser(['trooper']);
    // The desk's one hub address is a proxy: pointing it at the other node is a load balancer's move.
    const proxy = await TcpProxy.start(c.nodes[0]!.port);
    const desk = await startTestClient(proxy.url, { link: { backoffMinMs: 50, backoffMaxMs: 300 } });
    try {
      expect((await desk.app.handlers['session:signIn']({ username: user.username, password: TEST_PASSWORD })).ok).toBe(true);
      const shown = (): string[] => desk.events.filter((e) => e.channel === 'alerts:alert').map((e) => (e.payload as AlertView).alert.id);
      const first = await Promise.all(Array.from({ length: 6 }, (_, i) => c.postHit(i % 2, makeHit())));
      await settle(() => first.every((p) => shown().includes(p.id)), 'the first alerts on the desk');

      proxy.targetPort = c.nodes[1]!.port;
      proxy.cutAll();
      const second = await Promise.all(Array.from({ length: 6 }, (_, i) => c.postHit(i % 2, makeHit())));
      await settle(() => second.every((p) => shown().includes(p.id)), 'the alerts after the move, through node B');
      // Node B replayed an overlap before the desk's resume point; the desk kept each alert once.
      const counts = new Map<string, number>();
      for (const id of shown()) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    } finally {
      await desk.stop();
      await removeDir(desk.dataDir);
      await proxy.close();
    }
  }, SUITE_TIMEOUT_MS);
});

if (!run) console.warn(`[scale-out delivery] skipped: ${scaleOutServices().reason}`);
