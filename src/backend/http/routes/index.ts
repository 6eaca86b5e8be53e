/** Every route of the HTTP API, registered under /api/v1. */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../context.js';
import { accountRoutes } from './accounts.js';
import { ackRoutes } from './acks.js';
import { alertRoutes } from './alerts.js';
import { myAlertRoutes } from './my-alerts.js';
import { evidenceRoutes } from './evidence.js';
import { healthRoutes } from './health.js';
import { hotlistRoutes } from './hotlists.js';
import { localEntryRoutes } from './local-entries.js';
import { openMatching } from '../../matcher/matching.js';
import { readRoutes } from './reads.js';
import { readSearchRoutes } from './read-search.js';
import { hitRoutes } from './hits.js';
import { ownAccountRoutes } from './own-account.js';
import { policyRoutes } from './policy.js';
import { reportRoutes } from './reports.js';
import { reviewRoutes } from './review.js';
import { sessionRoutes } from './session.js';
import { troopRoutes } from './troop.js';
import { userRoutes } from './users.js';
import { zoneRoutes } from './zones.js';

export function registerRoutes(app: FastifyInstance, ctx: HubContext): void {
  healthRoutes(app, ctx);
  sessionRoutes(app, ctx);
  hitRoutes(app, ctx);
  alertRoutes(app, ctx);
  myAlertRoutes(app, ctx);
  evidenceRoutes(app, ctx);
  ackRoutes(app, ctx);
  zoneRoutes(app, ctx);
  troopRoutes(app, ctx);
  policyRoutes(app, ctx);
  userRoutes(app, ctx);
  accountRoutes(app, ctx);
  ownAccountRoutes(app, ctx);
  reviewRoutes(app, ctx);
  reportRoutes(app, ctx);
  // Hot lists and reads (1.1) share the matcher they feed and use.
  const matching = openMatching(ctx, (err) => console.error('[hub] hot lists', err));
  hotlistRoutes(app, ctx, matching);
  readRoutes(app, ctx, matching);
  localEntryRoutes(app, ctx, matching);
  readSearchRoutes(app, ctx);
}
