/**
 * The three kinds of desk a fleet worker runs (see fleet-protocol.ts `DeskMode`). Each calls
 * `shown(alertId)` at the moment the client would answer the hub's receipt.
 */
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { createHeadlessClient } from '../../../src/main/headless-client.js';
import { AlertLink } from '../../../src/main/services/alert-link.js';
import { ClientFilter } from '../../../src/main/services/client-filter.js';
import { Presence } from '../../../src/main/services/presence.js';
import type { Logger } from '../../../src/main/services/ports.js';
import { DEFAULT_SETTINGS } from '../../../src/main/adapters/file-settings-store.js';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import { systemClock } from '../../../src/main/adapters/system-clock.js';
import { socketIoHubSockets } from '../../../src/main/adapters/socketio-hub-sockets.js';
import { wallNow, type DeskSpec, type WorkerStart } from './fleet-protocol.js';
import { MemoryDesk, type DeskCounts } from './memory-desk.js';

export interface Desk {
  /** Connected and told hello (or, for a bare desk, connected). */
  connected(): boolean;
  stop(): Promise<void>;
}

type Shown = (alertId: string) => void;

/** Baseline: a bare socket.io-client that answers every `alert` at once. */
export function openBareDesk(start: WorkerStart, spec: DeskSpec, shown: Shown): Desk {
  const socket = io(`${start.url}/alerts`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token: spec.token, clientId: spec.clientId },
  });
  socket.on('alert', (payload: { alert: { id: string } }, ack?: (a: unknown) => void) => {
    shown(payload.alert.id);
    ack?.({ received: true });
  });
  return {
    connected: () => socket.connected,
    stop: async () => void socket.disconnect(),
  };
}

/** The real AlertLink and ClientFilter over an in-memory store port. */
export function openLinkDesk(start: WorkerStart, spec: DeskSpec, shown: Shown, counts: DeskCounts, logger: Logger, onConnected: (at: number) => void): Desk {
  const filter = new ClientFilter(logger);
  // The soak's desks have their own preferences (the same ones the hub keeps for them); the benches, the client's defaults.
  filter.setCategories(spec.categories ?? DEFAULT_SETTINGS.categories);
  filter.setUser({ id: spec.userId, username: spec.username, displayName: spec.username, roles: ['trooper'], unit: spec.unit });
  const presence = new Presence(systemClock);
  presence.onChange((view) => {
    if (view.state === 'connecting') counts.connectAttempts++;
    if (view.state === 'connected') onConnected(wallNow());
    if (view.state === 'offline') logger.warn(`offline: ${view.lastError ?? '?'}`);
  });
  const receiver = new MemoryDesk(filter, counts, shown);
  const link = new AlertLink(
    {
      hubUrl: spec.url ?? start.url,
      clientId: spec.clientId,
      ...(start.backoff ? { backoffMinMs: start.backoff.min, backoffMaxMs: start.backoff.max } : {}),
    },
    { token: async () => spec.token, refreshNow: async () => false },
    receiver,
    presence,
    systemClock,
    new ManualIdleSource(systemClock),
    logger,
    socketIoHubSockets,
  );
  link.start();
  return {
    connected: () => presence.get().state === 'connected',
    async stop() {
      link.stop();
      presence.dispose();
    },
  };
}

/** The whole client app: real sign-in, session, filter, and the durable encrypted Inbox on disk. */
export async function openInboxDesk(start: WorkerStart, spec: DeskSpec, shown: Shown, logger: Logger): Promise<Desk> {
  const dataDir = join(start.dataDir, `desk-${spec.index}`);
  const { app } = createHeadlessClient({
    vault: 'memory',
    logger,
    dataDir,
    hubUrl: start.url,
    ...(start.backoff ? { link: { backoffMinMs: start.backoff.min, backoffMaxMs: start.backoff.max } } : {}),
  });
  let state = 'signed_out';
  app.onEvent((channel, payload) => {
    if (channel === 'alerts:alert') {
      const view = payload as { alert?: { id: string } };
      if (view.alert) shown(view.alert.id);
    } else if (channel === 'link:presence') {
      state = (payload as { state: string }).state;
    }
  });
  await app.start();
  const signIn = await app.handlers['session:signIn']({ username: spec.username, password: spec.password });
  if (!signIn.ok) throw new Error(`desk ${spec.index} could not sign in: ${JSON.stringify(signIn)}`);
  return {
    connected: () => state === 'connected',
    stop: () => app.stop(),
  };
}
