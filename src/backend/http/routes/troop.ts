/**
 * `GET /troop/alerts?since&limit` (dispatcher, supervisor; an addition to docs/protocol.md): the alerts of
 * the caller's Troop (their unit; every alert for a caller without one) ingested since `since`
 * (default: the last 12 hours), newest first, without images, each with its acknowledgement trail
 * and who received it; only alerts of the caller's data domain. The rule of what belongs to a Troop is in `alerts/troop.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../../context.js';
import { TROOP_WATCHERS, TroopDesk } from '../../alerts/troop.js';
import { requireUser } from '../guard.js';
import { parseQuery } from '../query.js';
import { IsoTime } from '../../../shared/protocol/index.js';

const DEFAULT_HOURS = 12;
/** Scanned alerts per read: a Troop view lists a shift, not the archive (`truncated` says when more). */
const MAX_SCAN = 500;

export const TroopQuery = z.strictObject({
  since: IsoTime.transform((s) => new Date(s).toISOString()).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SCAN).default(300),
});

export function troopRoutes(app: FastifyInstance, ctx: HubContext): void {
  const desk = new TroopDesk(ctx.store);
  app.get('/troop/alerts', async (req) => {
    const me = await requireUser(ctx, req, TROOP_WATCHERS);
    const q = parseQuery(TroopQuery, req.query);
    const user = await ctx.store.users.byId(me.userId);
    const unit = user?.unit ?? null;
    const since = q.since ?? new Date(ctx.clock.now().getTime() - DEFAULT_HOURS * 3600_000).toISOString();
    const { items, truncated } = await desk.alerts({ unit, domain: user?.domain ?? 'general' }, since, q.limit);
    // CJIS AU-2/3: the list carries plates (criminal-justice information): the read is recorded.
    if (items.length > 0) {
      await ctx.securityLog.record('alert_list_read', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertIds: items.map((i) => i.alert.id) });
    }
    return { unit, since, items, truncated };
  });
}
