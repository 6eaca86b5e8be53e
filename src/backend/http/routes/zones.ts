/**
 * Geo-zones (docs/protocol.md#zone): dispatchers create, edit, assign and delete; every user reads their own.
 * The body's shape is parsed here; the change itself (checks, history, log, telling the desks) is
 * routing/zone-desk.ts.
 */
import type { FastifyInstance } from 'fastify';
import { Zone, toIssues } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { invalidZone } from '../../routing/zone-desk.js';
import { requireUser } from '../guard.js';

export function zoneRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/zones', async (req) => {
    const me = await requireUser(ctx, req);
    if (me.roles.includes('dispatcher') || me.roles.includes('supervisor')) return ctx.store.zones.list();
    const user = await ctx.store.users.byId(me.userId);
    return user ? ctx.audience.zonesOf(user) : [];
  });

  app.put<{ Params: { id: string } }>('/zones/:id', async (req) => {
    const me = await requireUser(ctx, req, ['dispatcher']);
    const body: unknown = req.body;
    const withId = body && typeof body === 'object' && !Array.isArray(body) && !('id' in body) ? { ...body, id: req.params.id } : body;
    const parsed = Zone.safeParse(withId);
    if (!parsed.success) throw invalidZone(toIssues(parsed.error));
    if (parsed.data.id !== req.params.id) throw invalidZone([{ path: 'id', message: `the body's id must be "${req.params.id}"` }]);
    return ctx.zoneDesk.put(parsed.data, { userId: me.userId, username: me.username, source: req.ip });
  });

  app.delete<{ Params: { id: string } }>('/zones/:id', async (req) => {
    const me = await requireUser(ctx, req, ['dispatcher']);
    await ctx.zoneDesk.remove(req.params.id, { userId: me.userId, username: me.username, source: req.ip });
    return { id: req.params.id, deleted: true };
  });

  app.get<{ Params: { id: string } }>('/zones/:id/history', async (req) => {
    await requireUser(ctx, req, ['dispatcher', 'supervisor']);
    const history = await ctx.store.zones.history(req.params.id);
    if (history.length === 0) throw notFound('zone');
    return {
      items: history.map((h) => ({ zone: h.zone ?? h.before, before: h.before, changedBy: h.changedBy, changedAt: h.changedAt, change: h.change })),
    };
  });
}
