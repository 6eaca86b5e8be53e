/**
 * The client process is killed with SIGKILL while an acknowledgement waits in its outbox: after
 * a restart it is sent, and the hub stores it once, also when the hub had already stored it and
 * only its answer was lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientChild } from '../support/client-child.js';
import { makeHit } from '../support/hits.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { PASSWORD, removeDir, startTestHub, tempDir, waitFor, type TestHub } from '../support/client-harness.js';
import type { Presence } from '../../src/shared/ipc.js';

describe('client SIGKILL with an ack in the outbox', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  let dataDir: string;
  let child: ClientChild | null = null;

  beforeEach(async () => {
    hub = await startTestHub();
    proxy = await TcpProxy.start(hub.hub.port);
    dataDir = await tempDir();
  });

  afterEach(async () => {
    await child?.kill();
    await proxy.close();
    await hub.close();
    await removeDir(dataDir);
  });

  const connected = (c: ClientChild): boolean => (c.events('link:presence').at(-1) as Presence | undefined)?.state === 'connected';

  async function signedInWithAlert(): Promise<string> {
    child = await ClientChild.start(proxy.url, dataDir);
    expect(await child.call('session:signIn', { username: 'trooper1', password: PASSWORD })).toMatchObject({ ok: true });
    await waitFor(() => connected(child!), 'the child to connect');
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => child!.events('alerts:alert').length === 1, 'the alert in the child');
    return hit.id;
  }

  async function restartAndSettle(alertId: string): Promise<void> {
    child = await ClientChild.start(proxy.url, dataDir);
    await waitFor(async () => (await hub.hub.store.acks.trail(alertId)).length > 0, 'the ack to reach the hub', 30_000);
    await waitFor(async () => {
      const list = (await child!.call('alerts:list')) as { items: { alert: { id: string }; pending: unknown[]; trail: unknown[] }[] };
      const view = list.items.find((i) => i.alert.id === alertId);
      return view && view.pending.length === 0 && view.trail.length === 1;
    }, 'the restarted client to show the ack as done');
  }

  it('sends the ack after the restart (it never left before the kill)', async () => {
    const alertId = await signedInWithAlert();
    proxy.mode = 'refuse';
    proxy.cutAll();
    await waitFor(() => !connected(child!), 'the child to lose the link');
    const sent = (await child!.call('ack:send', { alertId, type: 'acknowledged' })) as { ok: boolean; eventId: string };
    expect(sent.ok).toBe(true);
    await child!.kill();
    child = null;
    expect(await hub.hub.store.acks.trail(alertId)).toEqual([]);

    proxy.mode = 'forward';
    await restartAndSettle(alertId);
    const trail = await hub.hub.store.acks.trail(alertId);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ eventId: sent.eventId, type: 'acknowledged' });
  });

  it('stores it once when the hub got it but the answer was lost before the kill', async () => {
    const alertId = await signedInWithAlert();
    proxy.mode = 'oneway'; // the hub hears the client; the client hears nothing
    const sent = (await child!.call('ack:send', { alertId, type: 'acknowledged' })) as { ok: boolean; eventId: string };
    expect(sent.ok).toBe(true);
    await waitFor(async () => (await hub.hub.store.acks.trail(alertId)).length === 1, 'the hub to store the ack');
    await child!.kill();
    child = null;

    proxy.mode = 'forward';
    proxy.cutAll();
    await restartAndSettle(alertId);
    const trail = await hub.hub.store.acks.trail(alertId);
    expect(trail).toHaveLength(1);
    expect(trail[0]?.eventId).toBe(sent.eventId);
    expect(child!.stderr).toMatch(/acknowledgements waiting from a previous run/);
  });
});
