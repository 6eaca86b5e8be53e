/**
 * A UserDesk is one signed-in user's runtime: their Inbox and AckOutbox (in a folder of their
 * own, so the next user at the desk never sees them), the AlertDesk that feeds the Inbox, and the
 * AlertLink to the hub. Opened on sign-in (or a restored session), closed on sign-out.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PublicUser } from '../../shared/protocol/index.js';
import { AckOutbox } from './ack-outbox.js';
import { AlertDesk, type DeskListener } from './alert-desk.js';
import { AlertLink, type AlertLinkOptions, type LinkCredentials } from './alert-link.js';
import type { ClientFilter } from './client-filter.js';
import { Inbox } from './inbox.js';
import { TrailSync } from './trail-sync.js';
import type { AckEntry } from '../../shared/protocol/index.js';
import type { Presence } from './presence.js';
import type { Retention } from '../../shared/retention.js';
import type { Clock, HubSockets, IdleSource, Logger, TimerHandle } from './ports.js';

const DAY_MS = 86_400_000;

export interface UserDeskDeps {
  dataDir: string;
  key: Buffer;
  user: PublicUser;
  link: Omit<AlertLinkOptions, 'clientId' | 'hubUrl'> & { hubUrl: string; clientId: string };
  credentials: LinkCredentials;
  filter: ClientFilter;
  presence: Presence;
  listener: DeskListener;
  clock: Clock;
  idle: IdleSource;
  logger: Logger;
  sockets: HubSockets;
  inboxMemoryLimit?: number;
  /** Reads an alert's trail from the hub (GET /alerts/:id). */
  fetchTrail: (alertId: string) => Promise<AckEntry[]>;
}

export class UserDesk {
  readonly inbox: Inbox;
  readonly outbox: AckOutbox;
  readonly link: AlertLink;
  readonly user: PublicUser;
  private readonly trails: TrailSync;
  private purgeTimer: TimerHandle | null = null;
  private retention: Retention = { detectionRetentionDays: 90, retentionDaysByNetwork: {} };
  private readonly offs: (() => void)[] = [];

  constructor(private readonly deps: UserDeskDeps) {
    this.user = deps.user;
    const dir = userDataDir(deps.dataDir, deps.user.id);
    this.inbox = new Inbox(join(dir, 'inbox.log'), deps.key, deps.clock, deps.logger, { memoryLimit: deps.inboxMemoryLimit ?? 200 });
    this.outbox = new AckOutbox(join(dir, 'outbox.log'), deps.key, deps.clock, deps.logger);
    const desk = new AlertDesk(this.inbox, deps.filter, deps.listener, deps.logger);
    this.link = new AlertLink(deps.link, deps.credentials, desk, deps.presence, deps.clock, deps.idle, deps.logger, deps.sockets);
    this.trails = new TrailSync(this.inbox, deps.fetchTrail, (id) => deps.listener.changed(id), deps.clock, deps.logger);
  }

  async open(retention: Retention): Promise<void> {
    await this.inbox.open();
    await this.outbox.open();
    await this.purge(retention);
    // The outbox sends only over a link that said hello; it waits (durably) otherwise.
    this.offs.push(
      this.link.onConnectedChange((connected) => {
        this.outbox.setSender(connected ? this.link : null);
        if (connected) this.trails.reconnected();
      }),
    );
    this.offs.push(this.outbox.onAccepted((alertId, entrySeq) => this.trails.accepted(alertId, entrySeq)));
    this.link.start();
  }

  /**
   * Drops alerts past the retention of their network, and detection images past the policy's
   * retention, now (at sign-in, and when the policy changes) and again every day while the desk is open.
   */
  async purge(retention: Retention): Promise<void> {
    this.retention = retention;
    try {
      await this.inbox.expire(retention);
      await this.inbox.purgeImages(retention.detectionRetentionDays);
    } catch (err) {
      this.deps.logger.error('inbox: purging past retention failed; will retry', { reason: (err as Error).message });
    }
    if (this.purgeTimer) this.deps.clock.clearTimeout(this.purgeTimer);
    this.purgeTimer = this.deps.clock.setTimeout(() => void this.purge(this.retention), DAY_MS);
  }

  async close(): Promise<void> {
    if (this.purgeTimer) this.deps.clock.clearTimeout(this.purgeTimer);
    this.purgeTimer = null;
    for (const off of this.offs.splice(0)) off();
    this.trails.dispose();
    this.link.stop();
    this.outbox.setSender(null);
    await this.outbox.close();
    await this.inbox.close();
  }
}

/** The folder of one user's inbox and outbox under the client's data folder. */
export function userDataDir(dataDir: string, userId: string): string {
  return join(dataDir, 'users', userFolder(userId));
}

/** A folder name for a user id that is safe on every file system. */
export function userFolder(userId: string): string {
  const readable = userId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
  return `${readable}-${createHash('sha256').update(userId).digest('hex').slice(0, 12)}`;
}
