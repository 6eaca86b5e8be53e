/**
 * The supervisor's review channels (the log, one alert's trail, metrics, the chain check, the
 * monthly and sharing reports, downloads) and the escalation event. Spread into the contract of
 * ipc.ts. Every answer is the hub's, read by the main process with the user's token (which never
 * crosses): `hubAnswer(value)` or the hub's refusal in words.
 *
 * The value schemas are `z.object` (not strict) on purpose: the main process parses the hub's
 * answer with the same schema, which keeps what a screen shows and drops whatever else the hub adds.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { AckEntry, AckType, Alert, Category, IsoTime, Role, VerificationResult } from './protocol/index.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** What the log screen filters on; each maps to a GET /acks query parameter. */
export const LogFilter = z.strictObject({
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  user: Text(128).optional(),
  unit: Text(128).optional(),
  category: Category.optional(),
  step: AckType.optional(),
  result: VerificationResult.optional(),
  /** Plate or case number, as typed: the hub searches both. */
  q: Text(64).optional(),
  order: z.enum(['desc', 'asc']).optional(),
});
export type LogFilter = z.infer<typeof LogFilter>;

/** The refusals view filters on time, user and alert only (GET /acks/refusals). */
export const RefusalFilter = z.strictObject({
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  user: Text(128).optional(),
  alert: Text(128).optional(),
});
export type RefusalFilter = z.infer<typeof RefusalFilter>;

/** One row of the log: the stored entry plus what the table shows of its alert and its user. */
export const LogRow = z.object({
  ...AckEntry.shape,
  plate: z.string().nullish(),
  plateState: z.string().nullish(),
  category: Category.nullish(),
  unit: z.string().nullish(),
});
export type LogRow = z.infer<typeof LogRow>;

export const LogPage = z.object({ items: z.array(LogRow), nextCursor: z.string().nullable() });
export type LogPage = z.infer<typeof LogPage>;

/** A refused acknowledgement attempt (GET /acks/refusals). */
export const Refusal = z.object({
  eventId: z.string(),
  alertId: z.string(),
  userId: z.string(),
  username: z.string(),
  clientId: z.string(),
  type: z.string(),
  at: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
  serverAt: z.string().nullish(),
  plate: z.string().nullish(),
  category: Category.nullish(),
  unit: z.string().nullish(),
});
export type Refusal = z.infer<typeof Refusal>;

export const Receipt = z.object({
  userId: z.string(),
  username: z.string().nullable(),
  clientId: z.string(),
  receivedAt: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;

export const Escalation = z.object({
  alertId: z.string().min(1).max(128),
  seq: z.number().int().positive().optional(),
  category: Category.optional(),
  plate: z.string().optional(),
  deliveredAt: z.string().optional(),
  escalatedAt: z.string(),
  units: z.array(z.string()).default([]),
});
export type Escalation = z.infer<typeof Escalation>;

/** One recorded export (of the log, a report or an alert's evidence): who, what, when. */
export const ExportRecord = z.object({
  at: z.string(),
  action: z.string(),
  username: z.string().nullish(),
  /** In words: "acknowledgement log (CSV)", "monthly report 2026-11 (PDF)". */
  what: z.string(),
  /** The rest in words: rows, filters, recipient. */
  detail: z.string().nullish(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

/** Everything about one alert on one page (GET /alerts/:id with the hub's additions). */
export const AlertTrail = z.object({
  alert: Alert,
  seq: z.number().int().positive().optional(),
  trail: z.array(AckEntry),
  receipts: z.array(Receipt).default([]),
  refusals: z.array(Refusal).default([]),
  escalation: Escalation.nullish(),
  exports: z.array(ExportRecord).default([]),
});
export type AlertTrail = z.infer<typeof AlertTrail>;

export const ChainCheck = z.object({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  head: z.string(),
  firstBadSeq: z.number().int().nullish(),
  /** When this desk asked (the hub's answer carries no time). */
  checkedAt: IsoTime,
});
export type ChainCheck = z.infer<typeof ChainCheck>;

const Percentiles = z.object({ p50: z.number(), p90: z.number() });

/** What is counted for a group of alerts (all, one unit, one user) over a period. */
export const MetricCounts = z.object({
  delivered: z.number(),
  acknowledged: z.number(),
  verified: z.number(),
  confirmed: z.number(),
  notConfirmed: z.number(),
  actionTaken: z.number(),
  neverAcknowledged: z.number(),
  timeToAcknowledgeMs: Percentiles,
  timeToVerifyMs: Percentiles,
});
export type MetricCounts = z.infer<typeof MetricCounts>;

/** Metrics for a period, per unit and per user, and the series the charts draw. */
export const Metrics = z.object({
  since: z.string(),
  until: z.string(),
  unit: z.string().nullable(),
  totals: MetricCounts,
  byUnit: z.array(MetricCounts.extend({ unit: z.string() })),
  byUser: z.array(
    MetricCounts.extend({ userId: z.string(), username: z.string(), unit: z.string().nullable() }),
  ),
  /** Per day (UTC date `YYYY-MM-DD`): alerts verified that day's p50 and p90 time to verify. */
  timeToVerifyByDay: z.array(
    z.object({ day: z.string(), alerts: z.number(), p50: z.number().nullable(), p90: z.number().nullable() }),
  ),
  byCategory: z.array(z.object({ category: Category, alerts: z.number() })),
  /** 24 entries, hour 0-23 (the desk's local time is not known to the hub: UTC). */
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), alerts: z.number() })),
});
export type Metrics = z.infer<typeof Metrics>;

export const MonthlyReport = z.object({
  month: z.string(),
  unit: z.string().nullable(),
  alerts: z.object({
    delivered: z.number(),
    acknowledged: z.number(),
    verified: z.number(),
    confirmed: z.number(),
    notConfirmed: z.number(),
    actionTaken: z.number(),
    closed: z.number(),
    neverAcknowledged: z.number(),
    escalated: z.number(),
  }),
  timeToAcknowledgeMs: Percentiles,
  timeToVerifyMs: Percentiles,
  refusals: z.number(),
  failedLogins: z.number(),
  lockouts: z.number(),
  zoneChanges: z.number(),
  searches: z.number(),
  exports: z.number(),
  byUser: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      acknowledged: z.number(),
      verified: z.number(),
      actionTaken: z.number(),
    }),
  ),
  certificationsLapsing: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      leadsCertifiedUntil: z.string().nullable(),
      trainedAt: z.string().nullable(),
    }),
  ),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

export const SharingReport = z.object({
  received: z.array(z.object({ network: z.string(), source: z.string(), hits: z.number() })),
  shared: z.array(z.object({ agency: z.string(), state: z.string(), exports: z.number() })),
});
export type SharingReport = z.infer<typeof SharingReport>;

/** A person the filters offer (GET /users). */
export const Person = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  unit: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

/** A file the main process fetched from the hub for the user to save (the token stays in main). */
export const DownloadedFile = z.object({ filename: z.string(), mime: z.string(), base64: z.string() });
export type DownloadedFile = z.infer<typeof DownloadedFile>;

export const DownloadRequest = z.discriminatedUnion('what', [
  z.strictObject({ what: z.literal('log.csv'), filter: LogFilter }),
  z.strictObject({ what: z.literal('monthly.csv'), month: Month, unit: Text(128).optional() }),
  z.strictObject({ what: z.literal('monthly.pdf'), month: Month, unit: Text(128).optional() }),
]);
export type DownloadRequest = z.infer<typeof DownloadRequest>;

export const reviewChannels = {
  'review:log': {
    request: LogFilter.extend({
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    response: hubAnswer(LogPage),
  },
  'review:refusals': { request: RefusalFilter, response: hubAnswer(z.object({ items: z.array(Refusal) })) },
  'review:trail': { request: z.strictObject({ alertId: Text(128) }), response: hubAnswer(AlertTrail) },
  'review:chain': { request: z.strictObject({}).optional(), response: hubAnswer(ChainCheck) },
  'review:people': {
    request: z.strictObject({}).optional(),
    response: hubAnswer(z.object({ items: z.array(Person) })),
  },
  'review:metrics': {
    request: z.strictObject({ since: IsoTime, until: IsoTime, unit: Text(128).optional() }),
    response: hubAnswer(Metrics),
  },
  'review:monthly': {
    request: z.strictObject({ month: Month, unit: Text(128).optional() }),
    response: hubAnswer(MonthlyReport),
  },
  'review:sharing': { request: z.strictObject({ month: Month }), response: hubAnswer(SharingReport) },
  'review:exports': {
    request: z.strictObject({}).optional(),
    response: hubAnswer(z.object({ items: z.array(ExportRecord) })),
  },
  'review:download': { request: DownloadRequest, response: hubAnswer(DownloadedFile) },
} as const;

export const reviewEvents = {
  'review:escalation': Escalation,
} as const;
