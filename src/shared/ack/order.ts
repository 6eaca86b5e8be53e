/**
 * The acknowledgement order of docs/protocol.md as a pure function over one user's trail for one
 * alert. The hub enforces with `checkAckOrder`; the UI renders with `nextSteps` (built on the same
 * check), so the path the UI offers is exactly the path the hub accepts.
 */
import type { AckEvent, AckType, Verification } from '../protocol/ack.js';

/** Every refusal code `checkAckOrder` can give, in the order the checks run. */
export const ACK_ORDER_CODES = [
  'invalid_event',
  'trail_closed',
  'already_acknowledged',
  'not_acknowledged',
  'verification_required',
  'case_number_required',
] as const;
export type AckOrderCode = (typeof ACK_ORDER_CODES)[number];

export type AckOrderResult = { ok: true } | { ok: false; code: AckOrderCode; message: string };

/** The fields of an event the order depends on (an AckEvent, an AckEntry or a draft in the UI). */
export type AckOrderEvent = Pick<AckEvent, 'type'> &
  Partial<Pick<AckEvent, 'verification' | 'action' | 'close'>>;

/** A trail item: a stored AckEntry or anything with its type, payload and author. */
export type AckTrailItem = AckOrderEvent & { userId: string };

export const CASE_NUMBER_MAX = 64;

/** Where one user stands on one alert, folded from the trail. */
export interface AckStanding {
  acknowledged: boolean;
  closed: boolean;
  /** The user's most recent verification, if any. */
  lastVerification: Verification | undefined;
}

/**
 * Fold the user's entries (in log order); entries of other users are ignored, so the hub may pass
 * the whole alert trail.
 */
export function ackStanding(trail: readonly AckTrailItem[], userId: string): AckStanding {
  const standing: AckStanding = { acknowledged: false, closed: false, lastVerification: undefined };
  for (const entry of trail) {
    if (entry.userId !== userId) continue;
    if (entry.type === 'acknowledged') standing.acknowledged = true;
    else if (entry.type === 'closed') standing.closed = true;
    else if (entry.type === 'verified' && entry.verification) standing.lastVerification = entry.verification;
  }
  return standing;
}

/**
 * A verification that allows action: confirmed, and both attestations given. Only the user's
 * latest verification counts: a later "not confirmed" withdraws an earlier "confirmed", since
 * acting on a hit that the last check did not confirm is exactly what the gate exists to stop.
 */
export function allowsAction(verification: Verification | undefined): boolean {
  return (
    verification !== undefined &&
    verification.result === 'confirmed' &&
    verification.plateMatchesImage === true &&
    verification.stateMatches === true
  );
}

/** A case number is 1-64 characters and not only blanks. */
export function isValidCaseNumber(caseNumber: string | undefined): boolean {
  return (
    typeof caseNumber === 'string' && caseNumber.trim().length > 0 && caseNumber.length <= CASE_NUMBER_MAX
  );
}

const refuse = (code: AckOrderCode, message: string): AckOrderResult => ({ ok: false, code, message });

const PAYLOAD_OF: Record<AckType, 'verification' | 'action' | 'close' | undefined> = {
  acknowledged: undefined,
  verified: 'verification',
  action_taken: 'action',
  closed: 'close',
};

/** Each type carries its own payload and no other, so a stored entry is never ambiguous. */
function payloadProblem(event: AckOrderEvent): string | undefined {
  if (!Object.hasOwn(PAYLOAD_OF, event.type)) return `unknown event type "${String(event.type)}"`;
  const expected = PAYLOAD_OF[event.type];
  for (const field of ['verification', 'action', 'close'] as const) {
    const present = event[field] !== undefined && event[field] !== null;
    if (field === expected && !present) return `a "${event.type}" event needs "${field}"`;
    if (field !== expected && present) return `a "${event.type}" event may not carry "${field}"`;
  }
  return undefined;
}

/** Whether `userId` may add `event` to the alert's trail now, and if not, why. */
export function checkAckOrder(
  trail: readonly AckTrailItem[],
  event: AckOrderEvent,
  userId: string,
): AckOrderResult {
  const problem = payloadProblem(event);
  if (problem) return refuse('invalid_event', problem);

  const standing = ackStanding(trail, userId);
  if (standing.closed)
    return refuse('trail_closed', 'this alert is closed for you: nothing may follow "closed"');

  if (event.type === 'acknowledged') {
    return standing.acknowledged
      ? refuse('already_acknowledged', 'you have already acknowledged this alert')
      : { ok: true };
  }
  if (!standing.acknowledged) {
    return refuse('not_acknowledged', `acknowledge the alert before "${event.type}"`);
  }
  if (event.type === 'action_taken') {
    if (!allowsAction(standing.lastVerification)) {
      return refuse(
        'verification_required',
        'action needs your confirmed verification in LEADS/NCIC, with the plate image and the state attested as matching',
      );
    }
    if (!isValidCaseNumber(event.action?.caseNumber)) {
      return refuse('case_number_required', `a case number (1-${CASE_NUMBER_MAX} characters) is required`);
    }
  }
  return { ok: true };
}
