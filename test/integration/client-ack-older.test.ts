/**
 * An alert past the ones the desk keeps in memory (it lists it under "Show older alerts") is still the
 * trooper's to acknowledge and verify: the desk reads it and its trail back from disk. Before, ack:send
 * answered "That alert is not on this desk." for it (found by the soak, issue 13: a desk process
 * acknowledging the oldest of a few hundred alerts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { listEveryAlert, startProxiedClient, waitFor, type ProxiedClient } from '../support/client-harness.js';

const KEPT = 3;

describe('acknowledging an alert older than the ones kept in memory', () => {
  let rig: ProxiedClient;

  beforeEach(async () => {
    rig = await startProxiedClient({ inboxMemoryLimit: KEPT });
  });

  afterEach(() => rig.close());

  it('acknowledges and verifies it; the hub logs both and the desk shows the trail', async () => {
    const { hub, client } = rig;
    const hits = Array.from({ length: KEPT + 2 }, () => makeHit());
    for (const hit of hits) await hub.post(hit);
    await waitFor(async () => (await listEveryAlert(client))?.length === hits.length, 'every alert at the desk');
    const oldest = hits[0]!.id;
    const recent = await client.app.handlers['alerts:list'](undefined);
    expect(!recent.locked && recent.items.some((i) => i.alert.id === oldest)).toBe(false);

    const ack = await client.app.handlers['ack:send']({ alertId: oldest, type: 'acknowledged' });
    expect(ack).toMatchObject({ ok: true });
    await waitFor(async () => (await hub.hub.store.acks.trail(oldest)).length === 1, 'the hub to log the acknowledgement');
    // The answer's trail entry is on disk: the order check for the next step reads it from there.
    await waitFor(async () => (await listEveryAlert(client))?.find((v) => v.alert.id === oldest)?.trail.length === 1, 'the trail at the desk');
    const verify = await client.app.handlers['ack:send']({
      alertId: oldest,
      type: 'verified',
      verification: { system: 'LEADS', result: 'confirmed', plateMatchesImage: true, stateMatches: true },
    });
    expect(verify).toMatchObject({ ok: true });
    await waitFor(async () => (await hub.hub.store.acks.trail(oldest)).length === 2, 'the hub to log the verification');
    expect((await hub.hub.store.acks.trail(oldest)).map((e) => e.type)).toEqual(['acknowledged', 'verified']);
  });

  it('still refuses an alert the desk never had', async () => {
    const answer = await rig.client.app.handlers['ack:send']({ alertId: 'never-here', type: 'acknowledged' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_alert' } });
  });
});
