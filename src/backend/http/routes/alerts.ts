/** Reading alerts: one alert with its trail and receipts, and the searchable list (dispatch, supervision); each of the caller's data domain only. */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';
import { sameDomain } from '../../../shared/filter.js';
import { assertMayReadAlert } from '../../alerts/alert-access.js';
import { notFound } from '../../errors.js';
import { EXPORT_ACTIONS, toExportItem } from '../../review/exports.js';
import { requireAccount } from '../guard.js';
import { AlertListQuery, decodeCursor, encodeCursor, parseQuery } from '../query.js';

export function alertRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get<{ Params: { id: string } }>('/alerts/:id', async (req) => {
    const { principal: me, user } = await requireAccount(ctx, req);
    const stored = await ctx.store.alerts.byId(req.params.id);
    if (!stored) throw notFound('alert');
    const receipts = await ctx.store.receipts.forAlert(stored.alert.id);
    assertMayReadAlert(me, user, stored.alert.hit, receipts);
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
    const { principal: me, user } = await requireAccount(ctx, req, ['dispatcher', 'supervisor']);
    const q = parseQuery(AlertListQuery, req.query);
    const scanned = await ctx.store.alerts.query({
      ...(q.since ? { since: q.since } : {}),
      ...(q.until ? { until: q.until } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.bbox ? { bbox: q.bbox } : {}),
      ...(q.cursor ? { beforeSeq: decodeCursor(q.cursor) } : {}),
      limit: q.limit,
    });
    // Only the caller's data domain; a page may then hold fewer than `limit`, and the cursor goes on
    // from the last alert scanned.
    const rows = scanned.filter((r) => sameDomain(r.alert.hit, user.domain));
    const last = scanned.at(-1);
    if (rows.length > 0) {
      await ctx.securityLog.record('alert_list_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertIds: rows.map((r) => r.alert.id) });
    }
    return {
      items: rows.map((r) => {
        const { images: _images, ...hit } = r.alert.hit;
        return { ...r.alert, hit };
      }),
      nextCursor: scanned.length === q.limit && last ? encodeCursor(last.seq) : null,
    };
  });
}
