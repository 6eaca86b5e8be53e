/** Public, unauthenticated routes: health and the login banner. */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';
import { HubError } from '../../errors.js';

export function healthRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/health', async () => {
    // A load balancer must take a node whose store is gone out of rotation, not keep sending desks to it.
    try {
      await ctx.store.alerts.headSeq();
    } catch {
      throw new HubError(503, 'unavailable', 'the hub cannot reach its store');
    }
    return { status: 'ok', version: ctx.version, clients: ctx.connectedDesks() };
  });
  app.get('/banner', async () => ({ text: ctx.banner }));
}
