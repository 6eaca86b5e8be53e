import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';
import { startProxiedClient, waitFor, type ProxiedClient, type TestClient, type TestHub } from '../support/client-harness.js';
import type { AlertView } from '../../src/shared/ipc.js';

async function view(client: TestClient, alertId: string): Promise<AlertView | undefined> {
  const list = await client.app.handlers['alerts:list'](undefined);
  return list.locked ? undefined : list.items.find((i) => i.alert.id === alertId);
}

describe('acknowledgements through the outbox, against a real hub', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  let client: TestClient;
  let rig: ProxiedClient;

  beforeEach(async () => {
    rig = await startProxiedClient();
    ({ hub, proxy, client } = rig);
  });

  afterEach(() => rig.close());

  it('acknowledges, verifies and acts; the trail comes back from the hub and nothing stays pending', async () => {
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => view(client, hit.id), 'the alert');
    const ack = await client.app.handlers['ack:send']({ alertId: hit.id, type: 'acknowledged' });
    expect(ack.ok).toBe(true);
    const verify = await client.app.handlers['ack:send']({
      alertId: hit.id,
      type: 'verified',
      verification: { system: 'LEADS', result: 'confirmed', plateMatchesImage: true, stateMatches: true },
    });
    expect(verify.ok).toBe(true);
    const act = await client.app.handlers['ack:send']({ alertId: hit.id, type: 'action_taken', action: { kind: 'stop', caseNumber: '2026-1' } });
    expect(act.ok).toBe(true);
    const done = await waitFor(async () => {
      const v = await view(client, hit.id);
      return v && v.trail.length === 3 && v.pending.length === 0 ? v : undefined;
    }, 'the trail');
    expect(done.trail.map((e) => e.type)).toEqual(['acknowledged', 'verified', 'action_taken']);
    expect(client.events.some((e) => e.channel === 'alerts:changed')).toBe(true);
  });

  it('refuses out of order at once, without sending anything', async () => {
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => view(client, hit.id), 'the alert');
    const early = await client.app.handlers['ack:send']({ alertId: hit.id, type: 'action_taken', action: { kind: 'stop', caseNumber: '1' } });
    expect(early).toMatchObject({ ok: false, error: { code: 'not_acknowledged' } });
    expect((await view(client, hit.id))?.pending).toEqual([]);
  });

  it('keeps an ack pending while offline, shows it, and sends it once the link is back', async () => {
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => view(client, hit.id), 'the alert');
    proxy.mode = 'refuse';
    proxy.cutAll();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state !== 'connected', 'offline');
    const ack = await client.app.handlers['ack:send']({ alertId: hit.id, type: 'acknowledged' });
    expect(ack.ok).toBe(true);
    expect((await view(client, hit.id))?.pending).toMatchObject([{ type: 'acknowledged' }]);
    proxy.mode = 'forward';
    await waitFor(async () => {
      const v = await view(client, hit.id);
      return v && v.pending.length === 0 && v.trail.length === 1;
    }, 'the ack to reach the hub');
  });
});
