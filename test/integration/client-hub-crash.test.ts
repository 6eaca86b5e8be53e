/**
 * The hub is killed with SIGKILL mid-stream and restarted on the same data: every alert it
 * acknowledged ingesting (before, during and after the crash) reaches the client once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { postHit, removeDir, signInConnected, startTestClient, stopTestClient, tempDir, waitFor, type TestClient } from '../support/client-harness.js';
import { runCli, spawnHub, type SpawnedHub } from '../support/hub.js';
import type { AlertView } from '../../src/shared/ipc.js';
import { TEST_PASSWORD } from '../support/passwords.js';


describe('client across a hub SIGKILL and restart', () => {
  let dataDir: string;
  let hub: SpawnedHub;
  let proxy: TcpProxy;
  let client: TestClient;
  let key: string;

  beforeEach(async () => {
    dataDir = await tempDir('opentas-hub-kill-');
    expect((await runCli(['user', 'add', '--data', dataDir, '--username', 'trooper1', '--password', TEST_PASSWORD, '--roles', 'trooper', '--unit', 'Troop 3'])).code).toBe(0);
    const added = await runCli(['key', 'add', '--data', dataDir, '--name', 'tests']);
    key = added.stdout.trim().split('\n').at(-1)!.trim();
    hub = await spawnHub(dataDir);
    proxy = await TcpProxy.start(hub.port);
    client = await startTestClient(proxy.url, { link: { backoffMinMs: 50, backoffMaxMs: 300 } });
    await signInConnected(client, 'trooper1', TEST_PASSWORD);
  });

  afterEach(async () => {
    // Each part only if the set-up got that far (a set-up that timed out must report its own error, not this hook's).
    if (client) await stopTestClient(client);
    await proxy?.close();
    await hub?.stop('SIGKILL');
    await removeDir(dataDir);
  });

  it('delivers every ingested alert once', async () => {
    const ingested = new Set<string>();
    const attempted = new Set<string>();
    const ingest = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const hit = makeHit({ category: i % 5 === 0 ? 'amber' : 'stolen' });
        attempted.add(hit.id);
        try {
          await postHit(hub.url, key, hit);
          ingested.add(hit.id);
        } catch {
          // The hub died under this request: it may or may not have stored it.
        }
      }
    };

    await ingest(15);
    // Kill while alerts are still flowing to the client.
    const streaming = ingest(15);
    await waitFor(() => client.events.filter((e) => e.channel === 'alerts:alert').length >= 18, 'alerts of the second batch flowing');
    await hub.stop('SIGKILL');
    await streaming;

    hub = await spawnHub(dataDir);
    proxy.targetPort = hub.port;
    proxy.cutAll();
    await ingest(15);

    const shown = (): string[] => client.events.filter((e) => e.channel === 'alerts:alert').map((e) => (e.payload as AlertView).alert.id);
    await waitFor(() => [...ingested].every((id) => shown().includes(id)), 'every ingested alert', 40_000);
    const counts = new Map<string, number>();
    for (const id of shown()) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].every((id) => attempted.has(id))).toBe(true);
    expect(ingested.size).toBeGreaterThanOrEqual(30);
  });
});
