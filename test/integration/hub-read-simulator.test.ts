/**
 * The simulator's reads mode against a real hub (port 0, SQLite) and a real desk: it loads a simulated
 * hot list through `PUT /hotlists/simulated-ncic`, posts reads (never hits) through `POST /reads`, and the
 * hub's own matcher turns the reads of listed plates into alerts: exact ones, and with `ocrEquivalence`
 * on lookalike and candidate ones. `serve --simulate-reads` (the `simulateReadsPerMinute` option) runs it
 * on a timer. The seed is printed; replay with READ_SIM_SEED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/backend/clock.js';
import { ReadSimulator } from '../../src/backend/simulator/read-simulator.js';
import { SIMULATED_LIST_ID } from '../../src/backend/simulator/read-generator.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import type { AlertClient } from '../support/alert-client.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

const seed = Number(process.env.READ_SIM_SEED ?? Date.now() % 1_000_000);

describe(`the simulator's reads mode (seed ${seed})`, () => {
  let t: TestHub;
  let desk: AlertClient;
  const errors: unknown[] = [];

  beforeAll(async () => {
    console.log(`read simulator seed ${seed} (replay: READ_SIM_SEED=${seed})`);
    t = await startTestHub();
    const admin = (await t.signedIn(['admin'])).token;
    const policy = (await t.api('GET', '/policy', { token: admin })).body;
    expect((await t.api('PUT', '/policy', { token: admin, body: { ...policy, ocrEquivalence: true } })).status).toBe(200);
    const trooper = await t.signedIn(['trooper']);
    desk = t.connect({ token: trooper.token, clientId: 'desk-sim' });
    await desk.ready();
  });
  afterAll(async () => t.close());

  it('loads its list, posts reads, and the hub matches the listed ones into alerts of every kind', async () => {
    const sim = new ReadSimulator({
      url: t.url, key: t.ingestKey, perMinute: 60, clock: systemClock, random: seededRandom(seed),
      listSize: 400, listedShare: 0.25, onError: (err) => errors.push(err),
    });
    await sim.loadList();
    const lists = (await t.api('GET', '/hotlists', { token: (await t.signedIn(['admin'])).token })).body.items;
    expect(lists).toEqual([expect.objectContaining({ id: SIMULATED_LIST_ID, source: 'NCIC', entries: 400, stale: false })]);

    for (let i = 0; i < 8; i++) await sim.post(60);
    expect(errors, String(errors[0])).toEqual([]);
    expect(sim.counts.reads).toBe(480);
    // About a quarter of the reads are of listed plates; every one of them matches, one way or another.
    expect(sim.counts.hits).toBeGreaterThan(60);
    expect(sim.counts.hits).toBeLessThan(200);
    await waitFor(() => desk.alerts.length >= sim.counts.hits, `the desk to receive the ${sim.counts.hits} matched alerts`);

    const hits = desk.alerts.map((a) => a.alert.hit);
    expect(hits.every((h) => h.readId?.startsWith('simread-') && h.hotlist.source === 'NCIC')).toBe(true);
    const kinds = new Set(hits.map((h) => h.match));
    expect(kinds.has('exact')).toBe(true);
    expect(kinds.has('lookalike') || kinds.has('candidate')).toBe(true);
    // The reads themselves are kept (for searches), all of them, not only the matched ones.
    expect(await t.hub.store.reads.count()).toBe(480);
  });

  it('`simulateReadsPerMinute` runs it on the hub’s own timer until the hub stops', async () => {
    const hub = await startTestHub({ simulateReadsPerMinute: 6_000 });
    try {
      await waitFor(async () => (await hub.hub.store.reads.count()) >= 200, 'the timer to post 200 reads');
      const lists = (await hub.api('GET', '/hotlists', { token: (await hub.signedIn(['admin'])).token })).body.items;
      expect(lists.map((l: { id: string }) => l.id)).toEqual([SIMULATED_LIST_ID]);
    } finally {
      await hub.close();
    }
  });
});
