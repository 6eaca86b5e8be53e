/**
 * Takes `ack` events from desks and writes the acknowledgement log (docs/protocol.md): the order rules
 * are enforced here whatever the client sends (the shared `checkAckOrder`, run inside the store's
 * transaction), a resent eventId gets its first answer, every refusal is itself recorded for
 * supervisors, and each new entry is pushed to every user the alert was delivered to.
 */
import { checkAckOrder } from '../../shared/ack/index.js';
import { AckEvent, type AckEntry, toIssues } from '../../shared/protocol/index.js';
import { type Audience, recipientOf } from '../alerts/audience.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Principal } from '../auth/access-tokens.js';
import type { Clock } from '../clock.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import type { AckOutcome, AckRefusal, HubStore } from '../store/port.js';
import { addReceipt } from '../store/receipt-batch.js';

export interface AckFanout {
  /** Users currently connected to this hub node. */
  onlineUserIds(): Iterable<string>;
  pushAck(entry: AckEntry, userIds: Iterable<string>): void;
}

export class AckDesk {
  constructor(
    private readonly store: HubStore,
    private readonly audience: Audience,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
    private readonly fanout: AckFanout,
    private readonly metrics: HubMetrics,
  ) {}

  async handle(p: Principal, clientId: string, raw: unknown): Promise<AckOutcome> {
    const parsed = AckEvent.safeParse(raw);
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      this.metrics.ackRefused('invalid_event');
      await this.log.record('ack', 'refused', { userId: p.userId, username: p.username }, { reason: 'invalid_event', issues: issues.slice(0, 10) });
      return { ok: false, error: { code: 'invalid_event', message: issues.map((i) => `${i.path || '(event)'}: ${i.message}`).join('; ').slice(0, 500) } };
    }
    const event = parsed.data;
    const earlier = await this.store.acks.outcome(event.eventId);
    if (earlier) return earlier;

    const refuse = async (error: AckRefusal): Promise<AckOutcome> => {
      this.metrics.ackRefused(error.code);
      await this.store.acks.recordRefusal({
        eventId: event.eventId, alertId: event.alertId, userId: p.userId, username: p.username, clientId,
        type: event.type, at: this.clock.now().toISOString(), error,
      });
      await this.log.record('ack', 'refused', { userId: p.userId, username: p.username }, { alertId: event.alertId, type: event.type, code: error.code });
      return { ok: false, error };
    };

    const stored = await this.store.alerts.byId(event.alertId);
    if (!stored) return refuse({ code: 'unknown_alert', message: `no alert "${event.alertId}"` });
    const user = await this.store.users.byId(p.userId);
    const delivered = (await this.store.receipts.forAlert(event.alertId)).some((r) => r.userId === p.userId);
    if (!user || (!delivered && !(await this.audience.receives(recipientOf(user), stored.alert.hit)))) {
      return refuse({ code: 'forbidden', message: 'this alert was not delivered to you' });
    }
    // An acknowledgement proves the desk has the alert: its receipt may have been lost with a
    // connection (a desk on a link that keeps dropping resumes past receipts it could not confirm).
    // Recorded, so the trail reaches this desk and its user may read the alert.
    if (!delivered) await addReceipt(this.store.receipts, { alertId: event.alertId, userId: p.userId, clientId, receivedAt: this.clock.now().toISOString() });

    const outcome = await this.store.acks.append(
      { ...event, userId: p.userId, username: p.username, clientId, serverAt: this.clock.now().toISOString() },
      (trail) => {
        const check = checkAckOrder(trail, event, p.userId);
        return check.ok ? undefined : { code: check.code, message: check.message };
      },
    );
    if (!outcome.ok) {
      // A concurrent resend may have won the race; its answer stands.
      const first = await this.store.acks.outcome(event.eventId);
      return first ?? refuse(outcome.error);
    }
    this.metrics.ackRecorded(event.type);
    await this.fanOut(event.alertId, outcome.entrySeq, stored.alert.hit);
    return outcome;
  }

  private async fanOut(alertId: string, entrySeq: number, hit: Parameters<Audience['receives']>[1]): Promise<void> {
    const entry = (await this.store.acks.trail(alertId)).find((e) => e.seq === entrySeq);
    if (!entry) return;
    const users = new Set((await this.store.receipts.forAlert(alertId)).map((r) => r.userId));
    users.add(entry.userId);
    // Users online now who were sent the alert but whose receipt has not come back yet.
    for (const id of this.fanout.onlineUserIds()) {
      if (users.has(id)) continue;
      const u = await this.store.users.byId(id);
      if (u && (await this.audience.receives(recipientOf(u), hit))) users.add(id);
    }
    this.fanout.pushAck(entry, users);
  }
}
