/**
 * Test wiring for the client: a real hub (startHub on port 0, real SQLite in a temp folder), a
 * user and an ingest key on it, and client apps built with createHeadlessClient and the port fakes.
 */
import { removeDir, tempDir } from './temp-dir.js';
import { waitFor } from './wait.js';
import { startHub, type HubOptions, type RunningHub } from '../../src/backend/server.js';
import type { ClientApp, ClientAppOptions } from '../../src/main/client-app.js';
import { createHeadlessClient } from '../../src/main/headless-client.js';
import type { ManualIdleSource } from '../../src/main/adapters/manual-idle-source.js';
import type { RecordingNotifier, RecordingPopup, RecordingTray } from '../../src/main/adapters/recording-ports.js';
import type { AlertView, EventChannel } from '../../src/shared/ipc.js';
import type { Hit } from '../../src/shared/protocol/index.js';
import { FakeSettingsStore } from '../fakes/fake-settings-store.js';
import { FakeVault } from '../fakes/fake-vault.js';
import { RecordingLogger } from '../fakes/recording-logger.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';

export const PASSWORD = 'correct horse battery staple';

export { tempDir, removeDir, waitFor };

export interface TestHub {
  hub: RunningHub;
  dir: string;
  ingestKey: string;
  /** POSTs a hit through the real ingest API; returns its seq. */
  post(hit: Hit): Promise<{ id: string; seq: number }>;
  close(): Promise<void>;
}

export async function startTestHub(users: string[] = ['trooper1'], options: Pick<HubOptions, 'clock'> = {}): Promise<TestHub> {
  const dir = await tempDir('opentas-hub-');
  const hub = await startHub({ port: 0, dataDir: dir, onError: (err) => console.error('[hub under test]', err), ...options });
  for (const username of users) await hub.admin.addUser({ username, password: PASSWORD, roles: ['trooper'], unit: 'Troop 3' });
  const ingestKey = await hub.admin.addIngestKey('tests');
  return {
    hub,
    dir,
    ingestKey,
    post: (hit) => postHit(hub.url, ingestKey, hit),
    async close() {
      await hub.close();
      await removeDir(dir);
    },
  };
}

export async function postHit(url: string, key: string, hit: Hit): Promise<{ id: string; seq: number }> {
  const response = await fetch(`${url}/api/v1/hits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(hit),
  });
  if (response.status !== 202 && response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; seq: number };
}

export interface TestClient {
  app: ClientApp;
  dataDir: string;
  vault: FakeVault;
  logger: RecordingLogger;
  notifier: RecordingNotifier;
  tray: RecordingTray;
  popup: RecordingPopup;
  idle: ManualIdleSource;
  events: { channel: EventChannel; payload: unknown }[];
  stop(): Promise<void>;
}

export async function startTestClient(
  hubUrl: string,
  options: { dataDir?: string; vault?: FakeVault; link?: ClientAppOptions['link']; inboxMemoryLimit?: number } = {},
): Promise<TestClient> {
  const dataDir = options.dataDir ?? (await tempDir());
  const vault = options.vault ?? new FakeVault();
  const logger = new RecordingLogger();
  const { app, notifier, tray, popup, idle } = createHeadlessClient({
    vault,
    settings: new FakeSettingsStore(),
    logger,
    dataDir,
    hubUrl,
    link: { backoffMinMs: 50, backoffMaxMs: 500, ...options.link },
    ...(options.inboxMemoryLimit ? { inboxMemoryLimit: options.inboxMemoryLimit } : {}),
  });
  const events: TestClient['events'] = [];
  app.onEvent((channel, payload) => events.push({ channel, payload }));
  await app.start();
  return { app, dataDir, vault, logger, notifier, tray, popup, idle, events, stop: () => app.stop() };
}

/** Signs `client` in and waits until its link is connected: where most client tests begin. */
export async function signInConnected(client: TestClient, username = 'trooper1', password = PASSWORD): Promise<void> {
  const signIn = await client.app.handlers['session:signIn']({ username, password });
  if (!signIn.ok) throw new Error(`sign-in as ${username} refused: ${JSON.stringify(signIn)}`);
  await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'connected');
}

/** Stops the client and removes its data folder. */
/** Every alert the desk lists, the recent ones and then every older page, newest first; null while locked. */
export async function listEveryAlert(client: TestClient): Promise<AlertView[] | null> {
  const first = await client.app.handlers['alerts:list'](undefined);
  if (first.locked) return null;
  const items = [...first.items];
  for (let before = first.older; before !== null; ) {
    const page = await client.app.handlers['alerts:older']({ before });
    if (!page.ok) throw new Error(`alerts:older refused: ${page.error.message}`);
    items.push(...page.items);
    before = page.older;
  }
  return items;
}

export async function stopTestClient(client: TestClient): Promise<void> {
  await client.stop();
  await removeDir(client.dataDir);
}

export interface ProxiedClient {
  hub: TestHub;
  /** Sits between client and hub, so a test can cut or refuse the link. */
  proxy: TcpProxy;
  client: TestClient;
  close(): Promise<void>;
}

/** A real hub, a TcpProxy in front of it, and a client signed in as trooper1 through the proxy. */
export async function startProxiedClient(
  options: { hub?: Pick<HubOptions, 'clock'>; link?: ClientAppOptions['link']; inboxMemoryLimit?: number } = {},
): Promise<ProxiedClient> {
  const hub = await startTestHub(['trooper1'], options.hub);
  const proxy = await TcpProxy.start(hub.hub.port);
  const client = await startTestClient(proxy.url, { link: options.link, ...(options.inboxMemoryLimit ? { inboxMemoryLimit: options.inboxMemoryLimit } : {}) });
  const close = async (): Promise<void> => {
    await stopTestClient(client);
    await proxy.close();
    await hub.close();
  };
  // A failed sign-in must not leave a hub and a proxy listening for the rest of the run.
  await signInConnected(client).catch(async (err: unknown) => {
    await close();
    throw err;
  });
  return { hub, proxy, client, close };
}
