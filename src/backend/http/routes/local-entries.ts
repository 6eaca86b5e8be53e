/**
 * Local hot-list entries (docs/protocol.md 1.1): `POST /hotlists/local/entries` (trooper,
 * dispatcher), `GET /hotlists/local/entries` (one's own; a supervisor's, everyone's) and `DELETE
 * /hotlists/local/entries/:id` (the owner; a supervisor any). The rules live in
 * matcher/local-entries.ts; this is the HTTP edge.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/protocol/index.js';
import { LocalEntryInput } from '../../../shared/protocol/local-entry.js';
import type { HubContext } from '../../context.js';
import { unauthorized } from '../../errors.js';
import type { EntryCaller } from '../../matcher/local-entries.js';
import type { Matching } from '../../matcher/matching.js';
import { requireUser } from '../guard.js';
import { parseBody } from '../parse.js';

const ADDERS: readonly Role[] = ['trooper', 'dispatcher'];
const READERS: readonly Role[] = ['trooper', 'dispatcher', 'supervisor'];

async function caller(ctx: HubContext, req: FastifyRequest, roles: readonly Role[]): Promise<EntryCaller> {
  const me = await requireUser(ctx, req, roles);
  return { userId: me.userId, username: me.username, roles: me.roles, source: req.ip };
}

export function localEntryRoutes(app: FastifyInstance, ctx: HubContext, matching: Matching): void {
  app.post('/hotlists/local/entries', async (req, reply) => {
    const by = await caller(ctx, req, ADDERS);
    const input = parseBody(LocalEntryInput, req.body, 'invalid_local_entry', 'the local entry');
    const owner = await ctx.store.users.byId(by.userId);
    if (!owner) throw unauthorized();
    return reply.code(201).send(await matching.local.add(input, owner, by));
  });

  app.get('/hotlists/local/entries', async (req) => {
    return { items: await matching.local.list(await caller(ctx, req, READERS)) };
  });

  app.delete<{ Params: { id: string } }>('/hotlists/local/entries/:id', async (req, reply) => {
    await matching.local.remove(req.params.id, await caller(ctx, req, READERS));
    return reply.code(204).send();
  });
}
