/** Every route of the HTTP API, registered under /api/v1. */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';
import { healthRoutes } from './health.js';
import { hitRoutes } from './hits.js';
import { sessionRoutes } from './session.js';

export function registerRoutes(app: FastifyInstance, ctx: HubContext): void {
  healthRoutes(app, ctx);
  sessionRoutes(app, ctx);
  hitRoutes(app, ctx);
}
