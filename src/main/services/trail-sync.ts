/**
 * TrailSync: makes sure an accepted acknowledgement shows in its alert's trail. The hub pushes
 * each entry on the stream, but a push sent while the link was cut is not replayed (only alerts
 * are), so when the outbox learns that an event was accepted and the entry has not arrived
 * shortly after, the trail is read from the hub, again with backoff until it is there. An alert
 * that has left memory (older than the recent ones) is fixed on disk all the same: "Show older
 * alerts" reads its trail from there, and a trail that silently stayed empty would say the
 * alert was never acknowledged.
 */
import type { AckEntry } from '../../shared/protocol/index.js';
import type { Inbox } from './inbox.js';
import type { Clock, Logger, TimerHandle } from './ports.js';

const GRACE_MS = 1000;
const MAX_DELAY_MS = 30_000;
const MAX_TRIES = 12;

export class TrailSync {
  /** alertId -> entry seqs accepted by the hub but not yet in the Inbox's trail. */
  private readonly awaited = new Map<string, Set<number>>();
  private timer: TimerHandle | null = null;
  private tries = 0;

  constructor(
    private readonly inbox: Inbox,
    private readonly fetchTrail: (alertId: string) => Promise<AckEntry[]>,
    private readonly onChanged: (alertId: string) => void,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  accepted(alertId: string, entrySeq: number): void {
    const seqs = this.awaited.get(alertId) ?? new Set<number>();
    seqs.add(entrySeq);
    this.awaited.set(alertId, seqs);
    this.tries = 0;
    this.schedule(GRACE_MS);
  }

  /** The link is back: check at once. */
  reconnected(): void {
    if (this.awaited.size === 0) return;
    this.tries = 0;
    this.schedule(0, true);
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.awaited.clear();
  }

  private schedule(ms: number, replace = false): void {
    if (this.timer && !replace) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.check();
    }, ms);
  }

  private async check(): Promise<void> {
    for (const [alertId, seqs] of [...this.awaited]) {
      if (!this.inbox.has(alertId)) {
        this.awaited.delete(alertId); // not kept at this desk: no trail to fix
        continue;
      }
      // Out of memory, the entries on disk are not known here: read the trail once (a repeated entry on
      // disk is read back once: Inbox.older keeps one per seq).
      const trail = this.inbox.get(alertId)?.trail ?? [];
      for (const seq of seqs) if (trail.some((e) => e.seq === seq)) seqs.delete(seq);
      if (seqs.size === 0) {
        this.awaited.delete(alertId);
        continue;
      }
      try {
        let changed = false;
        for (const entry of await this.fetchTrail(alertId)) {
          changed = (await this.inbox.addTrail(entry)) || changed;
          seqs.delete(entry.seq);
        }
        if (seqs.size === 0) this.awaited.delete(alertId);
        if (changed) this.onChanged(alertId);
      } catch (err) {
        this.logger.warn("trail: could not read an alert's trail from the hub", { alertId, reason: (err as Error).message });
      }
    }
    if (this.awaited.size > 0 && ++this.tries < MAX_TRIES) this.schedule(Math.min(MAX_DELAY_MS, GRACE_MS * 2 ** this.tries));
  }
}
