import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';
import { startProxiedClient, startTestClient, waitFor, type ProxiedClient, type TestClient, type TestHub } from '../support/client-harness.js';
import type { AlertView } from '../../src/shared/ipc.js';

function shownIds(client: TestClient): string[] {
  return client.events.filter((e) => e.channel === 'alerts:alert').map((e) => (e.payload as AlertView).alert.id);
}

describe('client link: reconnect and resume against a real hub', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  let client: TestClient;
  let rig: ProxiedClient;

  beforeEach(async () => {
    rig = await startProxiedClient({ link: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1000 } });
    ({ hub, proxy, client } = rig);
  });

  afterEach(() => rig.close());

  it('gets every alert ingested while the link was down, once, and shows none twice', async () => {
    const before = [makeHit(), makeHit()];
    for (const hit of before) await hub.post(hit);
    await waitFor(() => shownIds(client).length === 2, 'the first two alerts');

    proxy.mode = 'refuse';
    proxy.cutAll();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state !== 'connected', 'the link to drop');
    const during = [makeHit(), makeHit({ category: 'amber' }), makeHit()];
    for (const hit of during) await hub.post(hit);
    proxy.mode = 'forward';

    await waitFor(() => shownIds(client).length >= 5, 'the alerts missed while down');
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'reconnected');
    expect(shownIds(client).sort()).toEqual([...before, ...during].map((h) => h.id).sort());
    const list = await client.app.handlers['alerts:list'](undefined);
    expect(list.items).toHaveLength(5);
  });

  it('detects a half-open connection by heartbeat and reconnects', async () => {
    proxy.mode = 'blackhole';
    await waitFor(() => client.logger.has('warn', /half-open/), 'the half-open detection');
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state !== 'connected', 'the link to be declared down');
    proxy.cutAll();
    proxy.mode = 'forward';
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'reconnected');
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => shownIds(client).includes(hit.id), 'an alert after the reconnect');
  });

  it('reconnects at once when the OS says the network is back', async () => {
    proxy.mode = 'refuse';
    proxy.cutAll();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state !== 'connected', 'the link to drop');
    proxy.mode = 'forward';
    client.idle.networkBack();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'reconnected');
    expect(client.logger.has('info', /reconnecting at once/)).toBe(true);
  });

  it('after a restart of the client, resumes from what it stored and shows only the new alerts', async () => {
    const first = makeHit();
    await hub.post(first);
    await waitFor(() => shownIds(client).length === 1, 'the first alert');
    await client.stop();

    const missed = [makeHit(), makeHit()];
    for (const hit of missed) await hub.post(hit);
    const restarted = await startTestClient(proxy.url, { dataDir: client.dataDir, vault: client.vault });
    try {
      expect((await restarted.app.handlers['session:state'](undefined)).signedIn).toBe(true);
      await waitFor(() => shownIds(restarted).length === 2, 'the alerts missed while stopped');
      expect(shownIds(restarted).sort()).toEqual(missed.map((h) => h.id).sort());
      const list = await restarted.app.handlers['alerts:list'](undefined);
      expect(list.items.map((i) => ('alert' in i ? i.alert.id : '')).sort()).toEqual([first, ...missed].map((h) => h.id).sort());
    } finally {
      await restarted.stop();
    }
  });
});
