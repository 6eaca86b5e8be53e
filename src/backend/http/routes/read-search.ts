/**
 * `GET /reads` (docs/protocol.md 1.1): troopers, dispatchers and supervisors search the stored reads
 * by plate (`?` one character, `*` any run) and time, newest first, at most 500 a page; the purpose
 * and the case number are asked for before anything else, with the policy's reason in the answer.
 * `GET /reads/searches` (supervisor): the recorded searches, newest first.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DEFAULT_SEARCH_LIMIT,
  IsoTime,
  MAX_SEARCH_LIMIT,
  PlatePatternText,
  SEARCH_CASE_REQUIRED,
  SEARCH_PURPOSE_REQUIRED,
} from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { HubError, unauthorized } from '../../errors.js';
import { ReadSearch } from '../../reads/read-search.js';
import { requireUser } from '../guard.js';
import { parseQuery } from '../query.js';

/** The same instant as the stores keep it (UTC with milliseconds), whatever zone the caller wrote. */
const Instant = IsoTime.transform((s) => new Date(s).toISOString());

/** Exported for the OpenAPI description (http/openapi), so the document says what this route parses. */
export const ReadSearchQuery = z.strictObject({
  plate: PlatePatternText.describe('A plate, `?` for one character, `*` for any run (e.g. `AB?12*`).'),
  since: Instant.optional(),
  until: Instant.optional(),
  purpose: z.string().trim().min(1).max(200).describe('Why: required, recorded (ENF-051 IV.E.4).'),
  caseNumber: z.string().trim().min(1).max(64).describe('The case the search is for: required, recorded.'),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
  cursor: z.string().max(300).optional(),
});

export const ReadSearchListQuery = z.strictObject({
  since: Instant.optional(),
  until: Instant.optional(),
  user: z.string().min(1).max(128).optional().describe('A user id or a username.'),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
  cursor: z.string().regex(/^\d{1,15}$/).optional(),
});

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

export function readSearchRoutes(app: FastifyInstance, ctx: HubContext): void {
  const reads = new ReadSearch(ctx.store, ctx.clock);

  app.get('/reads', async (req) => {
    const me = await requireUser(ctx, req, ['trooper', 'dispatcher', 'supervisor']);
    const raw = (req.query ?? {}) as Record<string, unknown>;
    if (blank(raw.purpose)) throw new HubError(400, 'purpose_required', SEARCH_PURPOSE_REQUIRED, { issues: [{ path: 'purpose', message: 'required' }] });
    if (blank(raw.caseNumber)) throw new HubError(400, 'case_number_required', SEARCH_CASE_REQUIRED, { issues: [{ path: 'caseNumber', message: 'required' }] });
    const q = parseQuery(ReadSearchQuery, raw);
    const user = await ctx.store.users.byId(me.userId);
    if (!user) throw unauthorized('account removed');
    return reads.search({ userId: user.id, username: user.username, domain: user.domain }, q);
  });

  app.get('/reads/searches', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(ReadSearchListQuery, req.query);
    let userId: string | undefined;
    if (q.user !== undefined) {
      // An id or a username, as `GET /acks?user` takes it; an unknown one matches nothing.
      userId = (await ctx.store.users.byId(q.user))?.id ?? (await ctx.store.users.byName(q.user))?.id ?? q.user;
    }
    const items = await ctx.store.readSearches.list({
      ...(q.since !== undefined ? { since: q.since } : {}),
      ...(q.until !== undefined ? { until: q.until } : {}),
      ...(userId !== undefined ? { userId } : {}),
      ...(q.cursor !== undefined ? { beforeId: Number(q.cursor) } : {}),
      limit: q.limit,
    });
    const last = items.at(-1);
    return { items, nextCursor: items.length === q.limit && last ? String(last.id) : null };
  });
}
