/**
 * A user's own alert history (issue 12): the alerts delivered to them (a receipt of theirs),
 * newest first, searchable by plate, category and date, each with its trail. `GET /alerts` is the
 * dispatcher's and supervisor's list of every alert; a trooper may read only what reached them, so
 * this route filters by receipt instead of widening that one. Reads are recorded like `GET /alerts`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../../context.js';
import { requireUser } from '../guard.js';
import { ListQuery, decodeCursor, encodeCursor, parseQuery } from '../query.js';

export const MyAlertsQuery = ListQuery.extend({
  // A part of a plate as a trooper types it ("kp 44"): case and spaces do not matter.
  plate: z
    .string()
    .max(20)
    .transform((p) => p.toUpperCase().replace(/[\s-]/g, ''))
    .refine((p) => /^[A-Z0-9]{1,10}$/.test(p), 'a plate or part of one: 1-10 letters and digits')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function myAlertRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/me/alerts', async (req) => {
    const me = await requireUser(ctx, req);
    const q = parseQuery(MyAlertsQuery, req.query);
    const rows = await ctx.store.alerts.query({
      deliveredTo: me.userId,
      ...(q.plate ? { plateContains: q.plate } : {}),
      ...(q.since ? { since: q.since } : {}),
      ...(q.until ? { until: q.until } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.cursor ? { beforeSeq: decodeCursor(q.cursor) } : {}),
      limit: q.limit,
    });
    if (rows.length > 0) {
      await ctx.securityLog.record('alert_list_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertIds: rows.map((r) => r.alert.id) });
    }
    const items = await Promise.all(
      rows.map(async (r) => {
        const { images: _images, ...hit } = r.alert.hit;
        const mine = (await ctx.store.receipts.forAlert(r.alert.id)).filter((x) => x.userId === me.userId);
        return {
          seq: r.seq,
          alert: { ...r.alert, hit },
          // The first time it reached one of this user's desks.
          receivedAt: mine.map((x) => x.receivedAt).sort()[0] ?? null,
          trail: await ctx.store.acks.trail(r.alert.id),
        };
      }),
    );
    const last = rows.at(-1);
    return { items, nextCursor: rows.length === q.limit && last ? encodeCursor(last.seq) : null };
  });
}
