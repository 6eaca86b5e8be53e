/**
 * A loopback TCP proxy cuts the client's connection after a random number of bytes, again and
 * again: mid-frame, between an alert and its receipt, during an ack and its answer. Nothing may be
 * lost and nothing shown twice; every acknowledgement is stored once by the hub.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';
import { listEveryAlert, startProxiedClient, waitFor, type ProxiedClient, type TestClient, type TestHub } from '../support/client-harness.js';
import type { AlertView } from '../../src/shared/ipc.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

describe('client under random connection cuts', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  let client: TestClient;
  let rig: ProxiedClient;
  const seed = Number(process.env.CUT_SEED ?? Date.now() % 1_000_000);

  beforeEach(async () => {
    // Fewer alerts in memory than the run posts, so the older ones are always read back from disk.
    rig = await startProxiedClient({ link: { backoffMinMs: 20, backoffMaxMs: 200 }, inboxMemoryLimit: 40 });
    ({ hub, proxy, client } = rig);
  });

  afterEach(() => rig.close());

  it(`loses nothing and shows nothing twice (seed ${seed})`, async () => {
    // Each connection dies after a random time or a random number of bytes, whichever comes
    // first: mid-frame, between an alert and its receipt, during an ack or its answer.
    const random = seededRandom(seed); // replayable with CUT_SEED
    proxy.randomCut = { min: 2_000, max: 100_000, random };
    proxy.randomLife = { minMs: 50, maxMs: 1500, random };
    proxy.cutAll();
    const shown = (): string[] => client.events.filter((e) => e.channel === 'alerts:alert').map((e) => (e.payload as AlertView).alert.id);
    const acked = new Set<string>();
    const ackNew = async (): Promise<void> => {
      for (const id of shown()) {
        if (acked.has(id)) continue;
        acked.add(id);
        const answer = await client.app.handlers['ack:send']({ alertId: id, type: 'acknowledged' });
        expect(answer.ok).toBe(true);
      }
    };

    const ids: string[] = [];
    // At least 60 alerts, and on until the proxy has cut at least 6 connections. Cuts are timed, and
    // a fast machine posts 150 alerts before the sixth cut: the bound is only against a proxy that
    // never cuts at all (then the final assertion fails, as it should).
    for (let i = 0; (i < 60 || proxy.cuts < 6) && i < 600; i++) {
      const hit = makeHit({ category: i % 4 === 0 ? 'amber' : 'stolen' });
      ids.push(hit.id);
      await hub.post(hit);
      await ackNew();
    }
    await waitFor(async () => {
      await ackNew();
      return ids.every((id) => acked.has(id));
    }, 'every alert to arrive under cuts', 45_000);
    const cutsDuringRun = proxy.cuts;
    console.log(`random cuts (seed ${seed}): ${ids.length} alerts posted, ${cutsDuringRun} connections cut`);
    proxy.randomCut = null;
    proxy.randomLife = null;
    proxy.cutAll();

    // More alerts than the desk keeps in memory (200): the older ones must still be listed, a page at a time.
    await waitFor(async () => {
      const list = await listEveryAlert(client);
      return list !== null && list.length === ids.length && list.every((v) => v.pending.length === 0 && v.trail.length === 1);
    }, 'every acknowledgement to be stored and shown', 45_000).catch(async (err: Error) => {
      const list = (await listEveryAlert(client)) ?? [];
      console.log(`listed ${list.length} of ${ids.length} alerts; not listed:`, ids.filter((id) => !list.some((v) => v.alert.id === id)).slice(0, 20));
      const state = list.map((v) => ({ id: v.alert.id, trail: v.trail.length, pending: v.pending }));
      const missing = state.filter((s) => s.trail !== 1 || s.pending.length > 0);
      console.log(JSON.stringify(missing, null, 1));
      for (const m of missing) console.log('receipts', m.id, await hub.hub.store.receipts.forAlert(m.id), (await hub.hub.store.alerts.byId(m.id))?.seq);
      console.log(client.logger.lines.filter((l) => l.level !== 'info').slice(-15));
      console.log(await client.app.handlers['link:presence'](undefined));
      throw err;
    });

    expect((await listEveryAlert(client))!.map((v) => v.alert.id).sort()).toEqual([...ids].sort());
    const counts = new Map<string, number>();
    for (const id of shown()) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(counts.size).toBe(ids.length);
    for (const id of ids) {
      const trail = await hub.hub.store.acks.trail(id);
      expect(trail.filter((e) => e.type === 'acknowledged')).toHaveLength(1);
    }
    expect(cutsDuringRun).toBeGreaterThanOrEqual(6);
  });
});
