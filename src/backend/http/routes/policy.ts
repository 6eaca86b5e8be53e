/** The agency policy (admins change it; every desk gets it live) and each user's category preferences. */
import type { FastifyInstance } from 'fastify';
import { MANDATORY_CATEGORIES, Policy, Preferences, CATEGORIES, type Category } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { requireUser } from '../guard.js';
import { parseBody } from '../parse.js';

/** A user's categories with the mandatory ones always added back (ENF-051 V.B). */
export function withMandatory(categories: readonly Category[], policy: Policy): Category[] {
  const set = new Set<Category>([...categories, ...MANDATORY_CATEGORIES, ...policy.mandatoryCategories]);
  return CATEGORIES.filter((c) => set.has(c));
}

export function policyRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/policy', async (req) => {
    await requireUser(ctx, req);
    return ctx.store.policy.get();
  });

  app.put('/policy', async (req) => {
    const me = await requireUser(ctx, req, ['admin']);
    const next = parseBody(Policy, req.body, 'invalid_policy', 'the policy');
    return ctx.policyDesk.put(next, { userId: me.userId, username: me.username, source: req.ip });
  });

  app.get('/me/preferences', async (req) => {
    const me = await requireUser(ctx, req);
    const policy = await ctx.store.policy.get();
    const stored = await ctx.store.policy.preferences(me.userId);
    return { categories: withMandatory(stored?.categories ?? [...CATEGORIES], policy) };
  });

  app.put('/me/preferences', async (req) => {
    const me = await requireUser(ctx, req);
    const body = parseBody(Preferences, req.body, 'invalid_preferences', 'the preferences');
    const prefs = { categories: withMandatory(body.categories, await ctx.store.policy.get()) };
    await ctx.store.policy.putPreferences(me.userId, prefs);
    ctx.audience.invalidate();
    return prefs;
  });
}
