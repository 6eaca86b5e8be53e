/**
 * Geo-zones (docs/protocol.md#zone): dispatchers create, edit, assign and delete; every user reads their own.
 * A zone is validated whole (shape, then the shared geometry rules) before anything is stored;
 * each change is kept in the zone history and pushed to the users it concerns.
 */
import type { FastifyInstance } from 'fastify';
import { validateZoneGeometry } from '../../../shared/geo/validate.js';
import { Zone, toIssues } from '../../../shared/protocol/index.js';
import { isZoneAssignedTo } from '../../../shared/zone-assignment.js';
import type { HubContext } from '../../context.js';
import { HubError, notFound } from '../../errors.js';
import type { UserRecord } from '../../store/port.js';
import { requireUser } from '../guard.js';

const concerns = (zones: (Zone | null | undefined)[]) => (u: UserRecord): boolean =>
  zones.some((z) => z && isZoneAssignedTo(z, u));

function invalidZone(issues: { path: string; message: string }[]): HubError {
  return new HubError(400, 'invalid_zone', `the zone is not valid: ${issues.length} problem(s)`, { issues });
}

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
    const issues = validateZoneGeometry(parsed.data.geometry, 'geometry');
    // An assignee that is no account would make the zone silently reach nobody.
    const known = new Set((await ctx.store.users.list()).map((u) => u.id));
    parsed.data.assignees.users.forEach((id, i) => {
      if (!known.has(id)) issues.push({ path: `assignees.users.${i}`, message: `no user with id "${id}"` });
    });
    if (issues.length > 0) throw invalidZone(issues);
    const change = await ctx.store.zones.put(parsed.data, me.userId, ctx.clock.now().toISOString());
    await ctx.securityLog.record('zone_put', 'success', { userId: me.userId, username: me.username, source: req.ip }, { zone: parsed.data.id, change: change.change });
    ctx.audience.invalidate();
    await ctx.stream?.pushZones(concerns([change.before, change.zone]));
    return change.zone;
  });

  app.delete<{ Params: { id: string } }>('/zones/:id', async (req) => {
    const me = await requireUser(ctx, req, ['dispatcher']);
    const change = await ctx.store.zones.remove(req.params.id, me.userId, ctx.clock.now().toISOString());
    if (!change) throw notFound('zone');
    await ctx.securityLog.record('zone_delete', 'success', { userId: me.userId, username: me.username, source: req.ip }, { zone: req.params.id });
    ctx.audience.invalidate();
    await ctx.stream?.pushZones(concerns([change.before]));
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
