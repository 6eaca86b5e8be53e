/**
 * Answers that no zod schema in src/shared describes, because the hub builds them by hand and no
 * desk parses them whole (the health check, the chain reports, the audit trail...). Written here from
 * the route's code (named in each comment) so the document has a schema for every JSON answer; the
 * rest of the document reuses src/shared. The integration test reads real answers of a few of them.
 */
import { z } from 'zod';
import { Metrics } from '../../../shared/ipc-review.js';
import { AccountUser, AckEntry, Alert, Category, Hit, IsoTime, PublicUser } from '../../../shared/protocol/index.js';

/** The error body of every failure (http/app.ts `errorBody`, docs/protocol.md). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('A stable code: unauthorized, forbidden, not_found, invalid_request, rate_limited, ...'),
    message: z.string().describe('In words, for a person.'),
    retryAfter: z.number().int().optional().describe('429 only: seconds to wait (also the retry-after header).'),
  }),
  issues: z
    .array(z.object({ path: z.string().describe('Dotted path of the field, e.g. hotlist.source.'), message: z.string() }))
    .optional()
    .describe('400 only: one item per field that was refused.'),
});

/** routes/health.ts */
export const Health = z.object({ status: z.literal('ok'), version: z.string(), clients: z.number().int().min(0).describe('Desks connected to this node.') });
export const Banner = z.object({ text: z.string().describe('The login banner every desk shows before sign-in.') });

/** routes/hits.ts: 202 for a new hit; 200 with `duplicate` for a hit id sent before. */
export const HitAccepted = z.object({ id: z.string(), seq: z.number().int().positive(), duplicate: z.literal(true).optional() });

/** routes/alerts.ts `GET /alerts`: alerts without their images. */
export const AlertWithoutImages = Alert.extend({ hit: Hit.omit({ images: true }) });
export const AlertPage = z.object({ items: z.array(AlertWithoutImages), nextCursor: z.string().nullable() });

/** routes/acks.ts `GET /acks`: the hashed entries as stored, and what the table shows beside them. */
export const AckPage = z.object({
  items: z.array(AckEntry),
  context: z.array(
    z.object({ seq: z.number().int(), plate: z.string().nullable(), plateState: z.string().nullable(), category: Category.nullable(), unit: z.string().nullable() }),
  ),
  nextCursor: z.string().nullable(),
});

/** audit/chain-stretch.ts `ChainReport` (GET /audit/verify). */
export const ChainReport = z.object({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  head: z.string(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
});

/** audit/audit-chain.ts `AuditChainReport` (GET /audit/events/verify). */
export const AuditChainReport = z.object({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  head: z.string(),
  firstBadId: z.number().int().optional(),
  reason: z.string().optional(),
});

/** store/port.ts `AuditEvent` with its id (GET /audit/events). */
export const AuditEventItem = z.object({
  id: z.number().int(),
  at: IsoTime,
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'refused']),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  source: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

/** routes/zones.ts `DELETE /zones/:id`. */
export const ZoneDeleted = z.object({ id: z.string(), deleted: z.literal(true) });

/** routes/hotlists.ts `PUT /hotlists/:id`. */
export const HotlistStored = z.object({ id: z.string(), entries: z.number().int().min(0) });

/** routes/users.ts `GET /users`: the whole 1.1 user object for an admin, the version 1 fields for others. */
export const UserDirectory = z.object({ items: z.array(z.union([AccountUser, PublicUser])) });

/** review/period-metrics.ts (GET /reports/metrics), as the supervisor's desk reads it. */
export const PeriodMetrics = Metrics.omit({ timeToVerifyByDay: true, byCategory: true, byHour: true }).extend({
  user: z.string().nullable().optional(),
  series: z.object({
    timeToVerifyByDay: z.array(z.object({ day: z.string(), verified: z.number(), p50: z.number(), p90: z.number() })),
    alertsByCategory: z.array(z.object({ category: Category, alerts: z.number() })),
    alertsByHour: z.array(z.object({ hour: z.number().int().min(0).max(23), alerts: z.number() })),
  }),
});
