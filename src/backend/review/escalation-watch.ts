/**
 * Escalates an alert nobody has verified 10 minutes after its first delivery (NCIC asks entering
 * agencies to confirm urgent hits within 10 minutes): records it once (hub-wide: the store's
 * insert decides, so with several nodes only the winner pushes) and pushes `escalation` live to
 * the supervisors and dispatchers of the units it was delivered to. Time is the hub's Clock, so a
 * test moves it and calls `run()` instead of waiting ten minutes.
 *
 * Only alerts ingested in the last 24 hours are looked at: an alert that became due while the hub
 * was down for longer than that is not escalated late (its trail shows it was never verified).
 */
import type { Clock } from '../clock.js';
import type { HubStore, UserRecord } from '../store/port.js';
import type { EscalationRecord } from '../store/review-port.js';

export const ESCALATE_AFTER_MS = 10 * 60_000;
const HORIZON_MS = 24 * 3600_000;
const BATCH = 200;

/** Where escalations go live (the `/alerts` namespace; with Redis, every node's sockets). */
export interface EscalationPush {
  pushEscalation(escalation: EscalationRecord, userIds: Iterable<string>): void;
}

/** Supervisors and dispatchers of the alert's units hear of it. */
export const escalationAudience = (users: readonly UserRecord[], units: readonly string[]): string[] =>
  users
    .filter((u) => u.unit !== null && units.includes(u.unit) && (u.roles.includes('supervisor') || u.roles.includes('dispatcher')))
    .map((u) => u.id);

export class EscalationWatch {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<EscalationRecord[]> | undefined;

  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly push: EscalationPush,
  ) {}

  /** Checks every `everyMs` (5 s by default: an escalation is at most that late). */
  schedule(onError: (err: unknown) => void, everyMs = 5_000): void {
    this.timer = setInterval(() => void this.run().catch(onError), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Escalates whatever is due now; runs one at a time (a call during a run waits for it). */
  run(): Promise<EscalationRecord[]> {
    this.running ??= this.escalateDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async escalateDue(): Promise<EscalationRecord[]> {
    const now = this.clock.now().getTime();
    const escalatedAt = new Date(now).toISOString();
    const done: EscalationRecord[] = [];
    let users: UserRecord[] | undefined;
    for (;;) {
      const due = await this.store.review.dueForEscalation(new Date(now - HORIZON_MS).toISOString(), new Date(now - ESCALATE_AFTER_MS).toISOString(), BATCH);
      if (due.length === 0) break;
      users ??= await this.store.users.list();
      const unitOf = new Map(users.map((u) => [u.id, u.unit]));
      for (const alert of due) {
        const receipts = await this.store.receipts.forAlert(alert.alertId);
        const units = [...new Set(receipts.map((r) => unitOf.get(r.userId)).filter((u): u is string => typeof u === 'string'))].sort();
        const record: EscalationRecord = { ...alert, escalatedAt, units };
        if (!(await this.store.review.addEscalation(record))) continue;
        done.push(record);
        this.push.pushEscalation(record, escalationAudience(users, units));
      }
      if (due.length < BATCH) break;
    }
    return done;
  }
}
