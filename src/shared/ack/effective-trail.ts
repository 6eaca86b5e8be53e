/**
 * An alert's trail as this desk will make it: the hub's entries, then the user's own steps still in
 * the outbox, so the order is checked against what the hub will have when they arrive (the outbox
 * delivers in order). A step the hub refused never happened and does not count. Which pending
 * steps to trust is the caller's choice: the popup counts only acknowledgements, whose effect it
 * knows without the hub; the desk counts every queued event, whose payloads it holds.
 */
import type { AckOrderEvent, AckTrailItem } from './order.js';

/** A step not yet on the hub's trail: its type and payload, and the hub's refusal if any. */
export type PendingStep = AckOrderEvent & { refused?: unknown };

export function effectiveTrail(
  trail: readonly AckTrailItem[],
  pending: readonly PendingStep[],
  userId: string,
): AckTrailItem[] {
  return [...trail, ...pending.filter((p) => !p.refused).map((p) => ({ ...p, userId }))];
}
