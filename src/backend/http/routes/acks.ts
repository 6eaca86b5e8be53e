/** Supervisor views of the acknowledgement log: pages with filters, CSV export, refusals, chain check. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AckType } from '../../../shared/protocol/index.js';
import { ackCsvHeader, ackCsvRow } from '../../acks/ack-csv.js';
import { verifyChain } from '../../audit/chain-verifier.js';
import type { HubContext } from '../../context.js';
import type { AckSearch } from '../../store/review-port.js';
import { requireUser } from '../guard.js';
import { AckListQuery, decodeCursor, encodeCursor, parseQuery } from '../query.js';

const EXPORT_PAGE = 1000;

/** Additions to the protocol's filters (docs/protocol.md): what the supervisor's log screen filters and sorts on. */
export const AckSearchQuery = AckListQuery.extend({
  unit: z.string().min(1).max(128).optional(),
  step: AckType.optional(),
  result: z.enum(['confirmed', 'not_confirmed', 'unable']).optional(),
  /** Found inside the alert's plate or the action's case number, case-insensitively. */
  q: z.string().trim().min(1).max(64).transform((s) => s.toUpperCase()).optional(),
  alert: z.string().min(1).max(128).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const RefusalQuery = AckListQuery.omit({ category: true, cursor: true }).extend({ alert: z.string().min(1).max(128).optional() });

/** `user` may be an id or a username (the log screen offers names). */
async function userIdOf(ctx: HubContext, user: string | undefined): Promise<string | undefined> {
  if (!user) return undefined;
  return (await ctx.store.users.byId(user))?.id ?? (await ctx.store.users.byName(user))?.id ?? user;
}

async function toSearch(ctx: HubContext, q: z.infer<typeof AckSearchQuery>): Promise<AckSearch> {
  const userId = await userIdOf(ctx, q.user);
  return {
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(userId ? { userId } : {}),
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.step ? { type: q.step } : {}),
    ...(q.result ? { result: q.result } : {}),
    ...(q.q ? { text: q.q } : {}),
    ...(q.alert ? { alertId: q.alert } : {}),
    ...(q.cursor ? { cursorSeq: decodeCursor(q.cursor) } : {}),
    order: q.order,
    limit: q.limit,
  };
}

export function ackRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/acks', async (req) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(AckSearchQuery, req.query);
    const rows = await ctx.store.review.searchAcks(await toSearch(ctx, q));
    const last = rows.at(-1);
    // CJIS AU-2/3: the context names plates, so the read is recorded like a read of the alerts.
    if (rows.length > 0) {
      const alertIds = [...new Set(rows.map((r) => r.alertId))];
      await ctx.securityLog.record('alert_list_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertIds });
    }
    // Items stay exactly the hashed AckEntry (an auditor recomputes each hash from the item);
    // what the table shows of the alert and the user rides alongside, index for index.
    return {
      items: rows.map(({ plate: _p, plateState: _s, category: _c, unit: _u, ...entry }) => entry),
      context: rows.map((r) => ({ seq: r.seq, plate: r.plate, plateState: r.plateState, category: r.category, unit: r.unit })),
      nextCursor: rows.length === q.limit && last ? encodeCursor(last.seq) : null,
    };
  });

  app.get('/acks/export.csv', async (req, reply) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(AckSearchQuery, req.query);
    const base = await toSearch(ctx, { ...q, limit: EXPORT_PAGE });
    const lines = [ackCsvHeader()];
    let cursorSeq = base.cursorSeq;
    for (;;) {
      const page = await ctx.store.review.searchAcks({ ...base, ...(cursorSeq !== undefined ? { cursorSeq } : {}) });
      for (const row of page) lines.push(ackCsvRow(row));
      if (page.length < EXPORT_PAGE) break;
      cursorSeq = page.at(-1)?.seq;
    }
    const { limit: _limit, cursor: _cursor, ...filters } = q;
    await ctx.securityLog.record('ack_export', 'success', { userId: me.userId, username: me.username, source: req.ip }, {
      what: 'acknowledgement log (CSV)', rows: lines.length - 1, filters,
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="acknowledgements.csv"')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  // Addition to docs/protocol.md: attempted out-of-order or refused events, for supervisors.
  app.get('/acks/refusals', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(RefusalQuery, req.query);
    const userId = await userIdOf(ctx, q.user);
    return {
      items: await ctx.store.review.refusals({
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
        ...(userId ? { userId } : {}),
        ...(q.alert ? { alertId: q.alert } : {}),
        limit: q.limit,
      }),
    };
  });

  app.get('/audit/verify', async (req) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const report = await verifyChain(ctx.store.acks);
    await ctx.securityLog.record('audit_verify', report.ok ? 'success' : 'failure', { userId: me.userId, username: me.username, source: req.ip }, { entries: report.entries });
    return report;
  });
}
