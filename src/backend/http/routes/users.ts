/** The user directory (for assigning zones and reading trails) and the security audit trail. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IsoTime } from '../../../shared/protocol/index.js';
import { verifyAuditChain } from '../../audit/audit-chain.js';
import { publicUser } from '../../auth/session-desk.js';
import type { HubContext } from '../../context.js';
import { requireUser } from '../guard.js';
import { accountUser } from './accounts.js';
import { MAX_LIMIT, parseQuery } from '../query.js';

export const AuditQuery = z.strictObject({
  since: IsoTime.optional(),
  action: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
});

export function userRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/users', async (req) => {
    const me = await requireUser(ctx, req, ['dispatcher', 'supervisor', 'admin']);
    const users = await ctx.store.users.list();
    // 1.1: an admin reads the whole user object; others the version 1 fields.
    if (me.roles.includes('admin')) return { items: users.map((u) => accountUser(u, ctx.clock.now())) };
    return { items: users.map(publicUser) };
  });

  // Addition to docs/protocol.md 1.1: the security audit trail's hash chain, checked from the start.
  app.get('/audit/events/verify', async (req) => {
    const me = await requireUser(ctx, req, ['supervisor', 'admin']);
    const report = await verifyAuditChain(ctx.store.audit);
    await ctx.securityLog.record('audit_events_verify', report.ok ? 'success' : 'failure', { userId: me.userId, username: me.username, source: req.ip }, { entries: report.entries });
    return report;
  });

  // Addition to docs/protocol.md: the security audit trail (logins, failures, lockouts, privileged actions).
  app.get('/audit/events', async (req) => {
    await requireUser(ctx, req, ['supervisor', 'admin']);
    const q = parseQuery(AuditQuery, req.query);
    return { items: await ctx.store.audit.list({ ...(q.since ? { since: q.since } : {}), ...(q.action ? { action: q.action } : {}), limit: q.limit }) };
  });
}
