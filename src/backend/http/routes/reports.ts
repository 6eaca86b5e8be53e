/**
 * The supervisor's reports (docs/protocol.md#reports-v11): the monthly audit report as JSON, CSV and
 * PDF, the sharing report, and (an addition) metrics for any period. Every CSV or PDF download is
 * recorded as an export (who, what, when).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../auth/access-tokens.js';
import type { HubContext } from '../../context.js';
import { HubError } from '../../errors.js';
import { monthlyReport, sharingReport } from '../../review/monthly-report.js';
import { periodMetrics } from '../../review/period-metrics.js';
import { monthlyCsv } from '../../review/report-csv.js';
import { monthlyPdf } from '../../review/report-pdf.js';
import { requireUser } from '../guard.js';
import { ListQuery, parseQuery } from '../query.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const MonthlyQuery = z.strictObject({ month: Month, unit: z.string().min(1).max(128).optional() });
export const SharingQuery = z.strictObject({ month: Month });
export const MetricsQuery = ListQuery.pick({ since: true, until: true }).extend({
  unit: z.string().min(1).max(128).optional(),
  user: z.string().min(1).max(128).optional(),
});

const DAY_MS = 24 * 3600_000;
/** A longer period would read more than a year of the log in one request. */
const MAX_PERIOD_DAYS = 366;

export function reportRoutes(app: FastifyInstance, ctx: HubContext): void {
  const monthly = async (req: FastifyRequest) => {
    const me = await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(MonthlyQuery, req.query);
    return { me, q, report: await monthlyReport(ctx.store, q.month, q.unit ?? null) };
  };
  const recordExport = (req: FastifyRequest, me: Principal, q: z.infer<typeof MonthlyQuery>, format: string) =>
    ctx.securityLog.record('report_export', 'success', { userId: me.userId, username: me.username, source: req.ip }, {
      what: `monthly report ${q.month}${q.unit ? ` (${q.unit})` : ''} (${format})`, report: 'monthly', month: q.month, unit: q.unit ?? null, format,
    });
  const file = (reply: FastifyReply, type: string, name: string, body: string | Buffer) =>
    reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).send(body);
  const fileName = (q: z.infer<typeof MonthlyQuery>, ext: string) =>
    `opentas-monthly-${q.month}${q.unit ? `-${q.unit.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}.${ext}`;

  app.get('/reports/monthly', async (req) => (await monthly(req)).report);

  app.get('/reports/monthly.csv', async (req, reply) => {
    const { me, q, report } = await monthly(req);
    const csv = monthlyCsv(report, ctx.clock.now().toISOString());
    await recordExport(req, me, q, 'CSV');
    return file(reply, 'text/csv; charset=utf-8', fileName(q, 'csv'), csv);
  });

  app.get('/reports/monthly.pdf', async (req, reply) => {
    const { me, q, report } = await monthly(req);
    const pdf = await monthlyPdf(report, { generatedAt: ctx.clock.now().toISOString(), generatedBy: me.username });
    await recordExport(req, me, q, 'PDF');
    return file(reply, 'application/pdf', fileName(q, 'pdf'), Buffer.from(pdf));
  });

  app.get('/reports/sharing', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(SharingQuery, req.query);
    return sharingReport(ctx.store, q.month);
  });

  // Addition to docs/protocol.md: the same counts for any period, per unit and per user, with series.
  app.get('/reports/metrics', async (req) => {
    await requireUser(ctx, req, ['supervisor']);
    const q = parseQuery(MetricsQuery, req.query);
    const until = q.until ?? ctx.clock.now().toISOString();
    const since = q.since ?? new Date(Date.parse(until) - 30 * DAY_MS).toISOString();
    const days = (Date.parse(until) - Date.parse(since)) / DAY_MS;
    if (!(days > 0) || days > MAX_PERIOD_DAYS) {
      throw new HubError(400, 'invalid_request', `the period must run forward and last at most ${MAX_PERIOD_DAYS} days`, {
        issues: [{ path: 'until', message: `since < until, at most ${MAX_PERIOD_DAYS} days apart` }],
      });
    }
    let userId: string | undefined;
    if (q.user) {
      const user = (await ctx.store.users.byId(q.user)) ?? (await ctx.store.users.byName(q.user));
      if (!user) throw new HubError(400, 'invalid_request', 'no such user', { issues: [{ path: 'user', message: 'unknown user' }] });
      userId = user.id;
    }
    return periodMetrics(ctx.store, { since, until, ...(q.unit ? { unit: q.unit } : {}), ...(userId ? { userId } : {}) });
  });
}
