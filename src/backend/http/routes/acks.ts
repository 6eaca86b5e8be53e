/** Supervisor views of the acknowledgement log: pages with filters, CSV export, refusals, chain check. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ackCsvHeader, ackCsvRow } from '../../acks/ack-csv.js';
import { verifyChain } from '../../audit/chain-verifier.js';
import type { HubContext } from '../../context.js';
import type { AckQuery } from '../../store/port.js';
import { requireUser } from '../guard.js';
import { AckListQuery, decodeCursor, encodeCursor, parseQuery } from '../query.js';

const EXPORT_PAGE = 1000;

async function toStoreQuery(ctx: HubContext, q: z.infer<typeof AckListQuery>): Promise<AckQuery> {
  let userId: string | undefined;
  if (q.user) userId = (await ctx.store.users.byId(q.user))?.id ?? (await ctx.store.users.byName(q.user))?.id ?? q.user;
  return {
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(userId ? { userId } : {}),
    ...(q.cursor ? { afterSeq: decodeCursor(q.cursor) } : {}),
    limit: q.limit,
  };
}

export function ackRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/acks', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(AckListQuery, req.query);
    const items = await ctx.store.acks.query(await toStoreQuery(ctx, q));
    const last = items.at(-1);
    return { items, nextCursor: items.length === q.limit && last ? encodeCursor(last.seq) : null };
  });

  app.get('/acks/export.csv', async (req, reply) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(AckListQuery, req.query);
    const base = await toStoreQuery(ctx, { ...q, limit: EXPORT_PAGE });
    const categories = new Map<string, string | undefined>();
    const lines = [ackCsvHeader()];
    let afterSeq = base.afterSeq;
    for (;;) {
      const page = await ctx.store.acks.query({ ...base, ...(afterSeq !== undefined ? { afterSeq } : {}) });
      for (const e of page) {
        if (!categories.has(e.alertId)) categories.set(e.alertId, (await ctx.store.alerts.byId(e.alertId))?.alert.hit.category);
        lines.push(ackCsvRow(e, categories.get(e.alertId)));
      }
      if (page.length < EXPORT_PAGE) break;
      afterSeq = page.at(-1)?.seq;
    }
    await ctx.securityLog.record('ack_export', 'success', { userId: me.userId, username: me.username, source: req.ip }, { rows: lines.length - 1 });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="acknowledgements.csv"')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  // Addition to PROTOCOL.md: attempted out-of-order or refused events, for supervisors.
  app.get('/acks/refusals', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(AckListQuery, req.query);
    const { afterSeq: _cursor, ...rest } = await toStoreQuery(ctx, { ...q, cursor: undefined });
    return { items: await ctx.store.acks.refusals(rest) };
  });

  app.get('/audit/verify', async (req) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const report = await verifyChain(ctx.store.acks);
    await ctx.securityLog.record('audit_verify', report.ok ? 'success' : 'failure', { userId: me.userId, username: me.username, source: req.ip }, { entries: report.entries });
    return report;
  });
}
