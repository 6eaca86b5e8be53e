/**
 * Additions to docs/protocol.md for the supervisor's review: escalations (the console loads the recent
 * ones at start, then hears `escalation` live) and the read of recorded exports.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../../context.js';
import { EXPORT_ACTIONS, toExportItem } from '../../review/exports.js';
import { requireUser } from '../guard.js';
import { ListQuery, MAX_LIMIT, parseQuery } from '../query.js';

export const PeriodQuery = ListQuery.pick({ since: true, until: true }).extend({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
});

export function reviewRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/escalations', async (req) => {
    await requireUser(ctx, req, ['supervisor', 'dispatcher']);
    const q = parseQuery(PeriodQuery, req.query);
    return { items: await ctx.store.review.escalations({ ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), limit: q.limit }) };
  });

  app.get('/audit/exports', async (req) => {
    await requireUser(ctx, req, ['supervisor', 'admin']);
    const q = parseQuery(PeriodQuery, req.query);
    const rows = await ctx.store.review.auditEvents({ actions: EXPORT_ACTIONS, ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), limit: q.limit });
    return { items: rows.map(toExportItem) };
  });
}
