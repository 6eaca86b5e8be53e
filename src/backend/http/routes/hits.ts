/**
 * Ingest (docs/protocol.md `POST /hits`). The key is checked before the body is read, so a caller
 * without a key cannot make the hub parse 2 MiB; a hit is validated whole before anything is stored.
 */
import type { FastifyInstance } from 'fastify';
import { Hit } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { requireIngestKey } from '../guard.js';
import { parseBody } from '../parse.js';

export function hitRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post(
    '/hits',
    {
      onRequest: async (req) => {
        await requireIngestKey(ctx, req);
      },
    },
    async (req, reply) => {
      const hit = parseBody(Hit, req.body, 'invalid_hit', 'the hit');
      const result = await ctx.ingest.ingest(hit);
      if (result.duplicate) return reply.code(200).send({ id: result.alert.id, seq: result.seq, duplicate: true });
      return reply.code(202).send({ id: result.alert.id, seq: result.seq });
    },
  );
}
