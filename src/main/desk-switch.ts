/**
 * Which user's desk is open: opening one (that user's key, encrypted inbox and outbox, and the link
 * to the hub) closes the one before. Changes run one after another, and a failed change does not
 * block the next. The desk's outbox changes reach the DeskView; closing says `signed_out`.
 */
import { join } from 'node:path';
import type { PublicUser } from '../shared/protocol/index.js';
import type { AlertLinkOptions } from './services/alert-link.js';
import type { ClientFilter } from './services/client-filter.js';
import type { ConnectionHistory } from './services/connection-history.js';
import type { DeskListener } from './services/alert-desk.js';
import type { HubApi } from './services/hub-api.js';
import type { ClientPorts } from './services/ports.js';
import type { Presence } from './services/presence.js';
import type { Session } from './services/session.js';
import { openUserKey } from './services/user-key-migration.js';
import { UserDesk, userFolder } from './services/user-desk.js';

export interface DeskSwitchDeps {
  dataDir: string;
  ports: Pick<ClientPorts, 'vault' | 'clock' | 'idle' | 'logger' | 'sockets'>;
  session: Session;
  filter: ClientFilter;
  presence: Presence;
  history: ConnectionHistory;
  /** Where the open desk's alerts go (the DeskView); `refreshTray` after a desk opened. */
  listener: DeskListener & { refreshTray(): void };
  /** The hub of the current settings: its URL for the link, its API for the trails. */
  hubUrl(): string;
  hub(): HubApi;
  /** This installation's client id (read at start). */
  clientId(): string;
  link?: Partial<Omit<AlertLinkOptions, 'hubUrl' | 'clientId'>>;
  inboxMemoryLimit?: number;
}

export class DeskSwitch {
  private desk: UserDesk | null = null;
  private stopWatching: (() => void) | null = null;
  private change: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DeskSwitchDeps) {}

  current(): UserDesk | null {
    return this.desk;
  }

  open(user: PublicUser): Promise<void> {
    // A failed change must not block the next one: the chain always continues.
    this.change = this.change.catch(() => undefined).then(async () => {
      if (this.desk?.user.id === user.id) return;
      await this.closeCurrent();
      const desk = await this.openDesk(user);
      this.desk = desk;
      this.stopWatching = desk.outbox.onChange((alertId) => this.deps.listener.changed(alertId));
      this.deps.listener.refreshTray();
    });
    return this.change;
  }

  close(): Promise<void> {
    this.change = this.change.catch(() => undefined).then(() => this.closeCurrent());
    return this.change;
  }

  private async openDesk(user: PublicUser): Promise<UserDesk> {
    const { ports, session, filter } = this.deps;
    const { logger } = ports;
    // Each user's own key (docs/adr/0017): the next trooper on this OS account cannot open these files.
    // Opening it reads and may re-seal the user's folder, so a folder that cannot be used fails here,
    // and is logged like a store that cannot be opened.
    let key: Awaited<ReturnType<typeof openUserKey>>;
    try {
      key = await openUserKey(ports.vault, join(this.deps.dataDir, 'users'), userFolder(user.id), user.id, logger);
    } catch (err) {
      logger.error('app: the desk could not open its local store', { reason: (err as Error).message });
      throw err;
    }
    filter.setUser(user);
    const desk = new UserDesk({
      dataDir: this.deps.dataDir,
      key,
      user,
      link: { ...this.deps.link, hubUrl: this.deps.hubUrl(), clientId: this.deps.clientId(), onRoundTrip: (ms) => this.deps.history.roundTrip(ms) },
      credentials: session,
      filter,
      presence: this.deps.presence,
      listener: this.deps.listener,
      fetchTrail: async (alertId) => {
        const token = await session.token();
        if (!token) throw new Error('signed out');
        return this.deps.hub().trail(token, alertId);
      },
      clock: ports.clock,
      idle: ports.idle,
      logger,
      sockets: ports.sockets,
      ...(this.deps.inboxMemoryLimit !== undefined ? { inboxMemoryLimit: this.deps.inboxMemoryLimit } : {}),
    });
    try {
      await desk.open(filter.currentPolicy());
    } catch (err) {
      logger.error('app: the desk could not open its local store', { reason: (err as Error).message });
      await desk.close().catch(() => undefined);
      throw err;
    }
    return desk;
  }

  private async closeCurrent(): Promise<void> {
    const desk = this.desk;
    this.desk = null;
    this.stopWatching?.();
    this.stopWatching = null;
    this.deps.filter.setUser(null);
    if (desk) await desk.close();
    this.deps.presence.set('signed_out');
  }
}
