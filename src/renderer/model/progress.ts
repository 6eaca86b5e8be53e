/**
 * Where this user stands on one alert, read from the hub's trail (what is confirmed) and the
 * client's outbox (what is still pending). A step the hub refused is reported separately so the
 * popup can say so plainly instead of pretending it happened.
 */
import { effectiveTrail, type AckTrailItem } from '../../shared/ack/index.js';
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
    // The hub says the trail is closed (closed at another desk, say) before this desk has seen the
    // entry: believe it, so the popup stops offering steps that can only be refused again.
    closed: has('closed') || view.pending.some((p) => p.refused?.code === 'trail_closed'),
    pending: waiting.map((p) => p.type),
    refused: view.pending.filter((p) => p.refused),
  };
}

/**
 * The trail the popup offers steps against: the hub's, plus this user's acknowledgement still in the
 * outbox. The outbox delivers in order, so verifying right after it is safe; anything else waits
 * for the hub.
 */
export function popupTrail(view: AlertView, userId: string): AckTrailItem[] {
  return effectiveTrail(
    view.trail,
    view.pending.filter((p) => p.type === 'acknowledged'),
    userId,
  );
}

export interface Taker {
  username: string;
  /** The desk, when its id is a name a person can read (not a generated UUID). */
  desk?: string;
  /** When they acknowledged. */
  at: string;
  /** Their latest step, e.g. "verified: confirmed". */
  latest: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describe(e: AckEntry): string {
  if (e.type === 'verified') return `verified: ${e.verification?.result.replace('_', ' ') ?? ''}`;
  if (e.type === 'action_taken') return `action taken: ${e.action?.kind.replace('_', ' ') ?? ''}`;
  if (e.type === 'closed') return `closed: ${e.close?.reason.replace('_', ' ') ?? ''}`;
  return 'acknowledged';
}

/** Other users who have acknowledged this alert ("Taken by"), first one first, with their latest step. */
export function takenBy(view: AlertView, userId: string): Taker[] {
  const takers = new Map<string, Taker>();
  for (const e of view.trail) {
    if (e.userId === userId) continue;
    const t = takers.get(e.userId);
    if (t) t.latest = describe(e);
    else if (e.type === 'acknowledged') takers.set(e.userId, { username: e.username, ...(UUID.test(e.clientId) ? {} : { desk: e.clientId }), at: e.serverAt, latest: describe(e) });
  }
  return [...takers.values()];
}
