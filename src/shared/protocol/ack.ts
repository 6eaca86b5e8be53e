import { z } from 'zod';
import { IsoTime } from './common.js';

export const AckType = z.enum(['acknowledged', 'verified', 'action_taken', 'closed']);
export type AckType = z.infer<typeof AckType>;

export const VerificationSystem = z.enum(['LEADS', 'NCIC', 'LEADS+NCIC']);
export const VerificationResult = z.enum(['confirmed', 'not_confirmed', 'unable']);
export const ActionKind = z.enum(['stop', 'located', 'broadcast', 'notified_unit', 'no_contact', 'other']);
export const CloseReason = z.enum(['misread', 'not_confirmed', 'cleared', 'duplicate', 'out_of_area', 'other']);

export const Verification = z.strictObject({
  system: VerificationSystem,
  result: VerificationResult,
  queryReference: z.string().min(1).max(64).optional(),
  plateMatchesImage: z.boolean(),
  stateMatches: z.boolean(),
  note: z.string().max(2000).optional(),
});
export type Verification = z.infer<typeof Verification>;

export const Action = z.strictObject({
  kind: ActionKind,
  // Presence and length are checked by the hub's order rules so that a missing case number gets
  // `case_number_required` rather than a generic validation error.
  caseNumber: z.string().max(64).optional(),
  note: z.string().max(2000).optional(),
});
export type Action = z.infer<typeof Action>;

export const Close = z.strictObject({
  reason: CloseReason,
  note: z.string().max(2000).optional(),
});
export type Close = z.infer<typeof Close>;

export const AckEvent = z.strictObject({
  eventId: z.uuid(),
  alertId: z.string().min(1).max(128),
  type: AckType,
  at: IsoTime,
  verification: Verification.optional(),
  action: Action.optional(),
  close: Close.optional(),
});
export type AckEvent = z.infer<typeof AckEvent>;

export const AckEntry = AckEvent.extend({
  seq: z.number().int().positive(),
  userId: z.string(),
  username: z.string(),
  clientId: z.string(),
  serverAt: IsoTime,
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AckEntry = z.infer<typeof AckEntry>;

export type AckResult = { ok: true; entrySeq: number } | { ok: false; error: { code: string; message: string } };
export const AckResult = z.union([
  z.strictObject({ ok: z.literal(true), entrySeq: z.number().int().positive() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);
