/** Reading alerts: one alert with its trail and receipts, and the searchable list (dispatch, supervision). */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { EXPORT_ACTIONS, toExportItem } from '../../review/exports.js';
import { requireUser } from '../guard.js';
import { AlertListQuery, decodeCursor, encodeCursor, parseQuery } from '../query.js';

export function alertRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get<{ Params: { id: string } }>('/alerts/:id', async (req) => {
    const me = await requireUser(ctx, req);
    const stored = await ctx.store.alerts.byId(req.params.id);
    if (!stored) throw notFound('alert');
    const receipts = await ctx.store.receipts.forAlert(stored.alert.id);
    if (!me.roles.includes('supervisor') && !receipts.some((r) => r.userId === me.userId)) {
      throw forbidden('this alert was not delivered to you');
    }
    // CJIS AU-2/3: every read of an alert's criminal-justice information is recorded (who, which, when).
    await ctx.securityLog.record('alert_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertId: stored.alert.id, seq: stored.seq });
    const names = new Map((await ctx.store.users.list()).map((u) => [u.id, u.username]));
    return {
      alert: stored.alert,
      trail: await ctx.store.acks.trail(stored.alert.id),
      // Addition to docs/protocol.md: who received it, on which installation, and when.
      seq: stored.seq,
      receipts: receipts.map((r) => ({ userId: r.userId, username: names.get(r.userId) ?? null, clientId: r.clientId, receivedAt: r.receivedAt })),
      // Additions for the supervisor's trail page: refused attempts, the escalation, exports of it.
      ...(me.roles.includes('supervisor')
        ? {
            refusals: await ctx.store.review.refusals({ alertId: stored.alert.id, limit: 1000 }),
            escalation: (await ctx.store.review.escalation(stored.alert.id)) ?? null,
            exports: (await ctx.store.review.auditEvents({ actions: EXPORT_ACTIONS, alertId: stored.alert.id, limit: 1000 })).map(toExportItem),
          }
        : {}),
    };
  });

  app.get('/alerts', async (req) => {
    const me = await requireUser(ctx, req, ['dispatcher', 'supervisor']);
    const q = parseQuery(AlertListQuery, req.query);
    const rows = await ctx.store.alerts.query({
      ...(q.since ? { since: q.since } : {}),
      ...(q.until ? { until: q.until } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.bbox ? { bbox: q.bbox } : {}),
      ...(q.cursor ? { beforeSeq: decodeCursor(q.cursor) } : {}),
      limit: q.limit,
    });
    const last = rows.at(-1);
    if (rows.length > 0) {
      await ctx.securityLog.record('alert_list_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertIds: rows.map((r) => r.alert.id) });
    }
    return {
      items: rows.map((r) => {
        const { images: _images, ...hit } = r.alert.hit;
        return { ...r.alert, hit };
      }),
      nextCursor: rows.length === q.limit && last ? encodeCursor(last.seq) : null,
    };
  });
}
