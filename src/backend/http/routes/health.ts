/** Public, unauthenticated routes: health and the login banner. */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';

export function healthRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/health', async () => ({ status: 'ok', version: ctx.version, clients: ctx.stream?.clients ?? 0 }));
  app.get('/banner', async () => ({ text: ctx.banner }));
}
