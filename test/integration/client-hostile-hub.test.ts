import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { HostileHub } from '../fakes/hostile-hub.js';
import { startTestClient, stopTestClient, waitFor, type TestClient } from '../support/client-harness.js';

function valid(seq: number) {
  const hit = makeHit();
  return { seq, alert: { id: hit.id, hit, ingestedAt: new Date().toISOString() } };
}

describe('client against a hostile hub', () => {
  let hub: HostileHub;
  let client: TestClient;

  beforeEach(async () => {
    hub = await HostileHub.start();
    client = await startTestClient(hub.url);
    expect((await client.app.handlers['session:signIn']({ username: 'trooper1', password: 'x' })).ok).toBe(true);
    await waitFor(() => hub.connected, 'the client to connect');
  });

  afterEach(async () => {
    await stopTestClient(client);
    await hub.close();
  });

  it('drops malformed alerts with a logged reason, stores nothing of them, and keeps the link', async () => {
    const good = valid(10);
    const bad: unknown[] = [
      null,
      42,
      'alert',
      [good],
      { seq: 'eleven', alert: good.alert },
      { seq: -1, alert: good.alert },
      { seq: 12, alert: { ...good.alert, id: 'x'.repeat(129) } },
      { seq: 13, alert: { ...good.alert, hit: { ...good.alert.hit, hotlist: { ...good.alert.hit.hotlist, reason: 'R'.repeat(5_000_000) } } } },
      { seq: 14, alert: { ...good.alert, hit: { ...good.alert.hit, images: { plate: 'data:image/gif;base64,R0lGOD' } } } },
      { seq: 15, alert: { ...good.alert, hit: { ...good.alert.hit, images: { plate: 'data:image/png;base64,' + 'A'.repeat(800_000) } } } },
      { seq: 16, alert: { ...good.alert, hit: { ...good.alert.hit, images: { plate: 'javascript:alert(1)' } } } },
      { seq: 17, alert: { ...good.alert, hit: { ...good.alert.hit, plate: '<img src=x>' } } },
      { seq: 18, alert: good.alert, extra: { __proto__: { polluted: true } } },
    ];
    for (const payload of bad) hub.sendAlert(payload);
    hub.send('hello', { nonsense: true });
    hub.send('ack', { alertId: 5 });
    hub.send('policy', { mandatoryCategories: [] });
    hub.sendAlert(good);

    await waitFor(() => hub.receipts.length === 1, 'the receipt of the valid alert');
    expect(hub.receipts).toEqual([{ seq: 10, answer: { received: true } }]);
    const dropped = client.logger.lines.filter((l) => /dropped a malformed alert/.test(l.message));
    expect(dropped).toHaveLength(bad.length);
    expect(dropped.every((l) => typeof l.fields?.reason === 'string' && (l.fields.reason as string).length <= 300)).toBe(true);
    expect(client.logger.has('warn', /dropped a malformed hello/)).toBe(true);
    expect(client.logger.has('warn', /dropped a malformed ack/)).toBe(true);
    expect(client.logger.has('warn', /dropped a malformed policy/)).toBe(true);

    const list = await client.app.handlers['alerts:list'](undefined);
    expect(list.items.map((i) => i.seq)).toEqual([10]);
    expect(hub.connections).toHaveLength(1);
    expect((await client.app.handlers['link:presence'](undefined)).state).toBe('connected');
    expect((await client.app.handlers['policy:get'](undefined)).mandatoryCategories).toContain('felony');
  });

  it('answers the receipt of a repeated alert without showing it twice', async () => {
    const good = valid(20);
    hub.sendAlert(good);
    hub.sendAlert(good);
    hub.sendAlert({ ...good, seq: 21 });
    await waitFor(() => hub.receipts.length === 3, 'three receipts');
    expect(client.events.filter((e) => e.channel === 'alerts:alert')).toHaveLength(1);
  });
});
