/**
 * One socket's delivery: a cursor over the alert feed. Replay and live delivery are the same loop
 * ("send everything after the last seq sent that this user may receive"), so alerts go out in seq
 * order with no gap between the replay and the live tail.
 */
import type { Socket } from 'socket.io';
import type { AlertFeed } from '../alerts/alert-feed.js';
import type { Audience, Recipient } from '../alerts/audience.js';
import type { Clock } from '../clock.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import { alertEnvelope } from './alert-encoding.js';
import type { ReceiptStore, StoredAlert } from '../store/port.js';

const BATCH = 200;
/** Packets waiting in a connection's write buffer before delivery pauses for it to drain. */
const HIGH_WATER = 64;
/** How long a receipt may take (a client stores durably first, which may wait on a slow disk). */
const RECEIPT_WAIT_MS = 10 * 60_000;

/** The part of Engine.IO's connection that backpressure reads: its write buffer and when it drains. */
interface EngineConnection {
  writeBuffer?: unknown[];
  once(event: string, listener: () => void): void;
  off(event: string, listener: () => void): void;
}

/** What every delivery of a hub shares. */
export interface DeliveryDeps {
  feed: AlertFeed;
  audience: Audience;
  receipts: ReceiptStore;
  clock: Clock;
  metrics: HubMetrics;
  onError: (err: unknown) => void;
}

export class Delivery {
  private running = false;
  private pending = false;
  private closed = false;
  /** Alerts sent while catching up to `replayUntil`; reported once, when the cursor gets there. */
  private replayed = 0;
  private replayReported = false;
  /** Each receipt's `done`: one function for all of them, since only a failure needs telling. */
  private readonly receiptWritten = (err: unknown): void => {
    if (err !== undefined) this.deps.onError(err);
  };

  constructor(
    private readonly socket: Socket,
    private readonly recipient: Recipient,
    private readonly clientId: string,
    private lastSent: number,
    /** The head seq when the desk connected: what it is sent up to there is its replay. */
    private readonly replayUntil: number,
    private readonly deps: DeliveryDeps,
  ) {}

  /** Something new may be in the feed: catch up (coalesces while a catch-up is running). */
  poke(): void {
    if (this.closed) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    void this.drain();
  }

  /**
   * A new alert was stored. When it is next in line for an idle delivery whose connection is not
   * backed up, it is settled here at once: sent if it is for this desk, stepped over if not. Only
   * otherwise (a catch-up running, a gap, a routing question not cached) does a catch-up start. With
   * 2,000 desks connected, each alert used to start 2,000 catch-ups (a read of the feed and a routing
   * question each, two turns of the event loop), for an AMBER alert as for the 100 desks of a
   * district, and the last desk waited behind all the others.
   */
  offer(stored: StoredAlert): void {
    if (this.closed) return;
    if (!this.running && this.lastSent === stored.seq - 1 && !this.mustWait()) {
      const receives = this.deps.audience.receivesNow(this.recipient, stored.alert.hit);
      if (receives !== undefined) {
        if (receives) this.send(stored.seq, stored.alert);
        this.lastSent = stored.seq;
        this.reportReplay();
        return;
      }
    }
    this.poke();
  }

  /**
   * A new alert the stream's index (AudienceIndex) says is not for this desk: an idle delivery moves
   * past it at once, without asking the routing question; any other takes it as `offer` would.
   */
  stepOver(stored: StoredAlert): void {
    if (this.closed) return;
    if (this.running || this.lastSent !== stored.seq - 1) return this.poke();
    this.lastSent = stored.seq;
    this.reportReplay();
  }

  stop(): void {
    this.closed = true;
  }

  /**
   * Catches up until nothing new came in meanwhile. `running` is cleared in the same synchronous step
   * as the last look at `pending`: cleared a promise later (a `.finally` on this call), a poke from an
   * ingest finishing in between found `running` still set, left `pending` for a loop that had ended,
   * and that alert waited for the next one (the read simulator's last alert, seed 442279).
   */
  private async drain(): Promise<void> {
    try {
      do {
        this.pending = false;
        await this.catchUp();
      } while (this.pending && !this.closed);
    } catch (err) {
      this.deps.onError(err);
    } finally {
      this.running = false;
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.deps.feed.after(this.lastSent, BATCH);
      if (batch.length === 0 || this.closed) break;
      for (const stored of batch) {
        const hit = stored.alert.hit;
        // Synchronous when the routing state is cached (nearly always): no promise per alert skipped.
        if (this.deps.audience.receivesNow(this.recipient, hit) ?? (await this.deps.audience.receives(this.recipient, hit))) {
          this.send(stored.seq, stored.alert);
          if (this.mustWait()) await this.writable();
        }
        if (this.closed) return;
        this.lastSent = stored.seq;
      }
      this.reportReplay();
    }
    this.reportReplay();
  }

  private reportReplay(): void {
    if (this.replayReported || this.closed || this.lastSent < this.replayUntil) return;
    this.replayReported = true;
    this.deps.metrics.replayed(this.replayed);
  }

  /** Whether the connection's write buffer is past the high-water mark (see `writable`). */
  private mustWait(): boolean {
    return !this.closed && (this.conn().writeBuffer?.length ?? 0) >= HIGH_WATER;
  }

  private conn(): EngineConnection {
    return this.socket.conn as unknown as EngineConnection;
  }

  /**
   * Backpressure: a week of replay to a desk on a slow link must not be queued in the hub's memory
   * all at once. Waits while the connection's write buffer is past the high-water mark.
   */
  private async writable(): Promise<void> {
    if (!this.mustWait()) return;
    const conn = this.conn();
    await new Promise<void>((resolve) => {
      const done = (): void => {
        conn.off('drain', done);
        conn.off('close', done);
        resolve();
      };
      conn.once('drain', done);
      conn.once('close', done);
    });
  }

  private send(seq: number, alert: unknown): void {
    const { id: alertId, ingestedAt } = alert as { id: string; ingestedAt: string };
    const sentAt = performance.now();
    const replay = seq <= this.replayUntil;
    if (replay) this.replayed++;
    // A desk that never answers must not pin one callback per alert for the life of its socket.
    this.socket.timeout(RECEIPT_WAIT_MS).emit('alert', alertEnvelope(seq, alert as object), (err: unknown, answer: unknown) => {
      if (err || !answer || (answer as { received?: unknown }).received !== true) return;
      const now = this.deps.clock.now();
      this.deps.metrics.receipt({ sinceStoredMs: now.getTime() - Date.parse(ingestedAt), sinceSentMs: performance.now() - sentAt, replay });
      this.deps.receipts.record({ alertId, userId: this.recipient.userId, clientId: this.clientId, receivedAt: now.toISOString() }, this.receiptWritten);
    });
  }
}
