/**
 * Where this user stands on one alert, read from the hub's trail (what is confirmed) and the
 * client's outbox (what is still pending). A step the hub refused is reported separately so the
 * popup can say so plainly instead of pretending it happened.
 */
import type { AlertView, PendingAck } from '../../shared/ipc.js';
import type { AckEntry, AckType } from '../../shared/protocol/ack.js';

export interface MyProgress {
  acknowledged: boolean;
  verified: boolean;
  /** The last verification (hub-confirmed) of this user, if any. */
  verification?: AckEntry['verification'];
  actionTaken: boolean;
  closed: boolean;
  /** Steps sent but not yet confirmed by the hub. */
  pending: AckType[];
  /** Steps the hub refused, with its reason. */
  refused: PendingAck[];
}

export function myProgress(view: AlertView, userId: string): MyProgress {
  const mine = view.trail.filter((e) => e.userId === userId);
  const has = (t: AckType): boolean => mine.some((e) => e.type === t);
  const waiting = view.pending.filter((p) => !p.refused);
  const lastVerified = [...mine].reverse().find((e) => e.type === 'verified');
  return {
    acknowledged: has('acknowledged') || waiting.some((p) => p.type === 'acknowledged'),
    verified: has('verified'),
    verification: lastVerified?.verification,
    actionTaken: has('action_taken'),
    closed: has('closed'),
    pending: waiting.map((p) => p.type),
    refused: view.pending.filter((p) => p.refused),
  };
}

/** Other users who have acknowledged this alert ("Taken by"), first one first. */
export function takenBy(view: AlertView, userId: string): AckEntry[] {
  const seen = new Set<string>();
  const out: AckEntry[] = [];
  for (const e of view.trail) {
    if (e.userId === userId || e.type !== 'acknowledged' || seen.has(e.userId)) continue;
    seen.add(e.userId);
    out.push(e);
  }
  return out;
}
