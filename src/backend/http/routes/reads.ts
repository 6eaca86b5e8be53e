/**
 * `POST /reads` (docs/protocol.md 1.1): 1-1,000 reads from a camera network's adapter (ingest key),
 * matched by the hub against its hot lists. Validated whole before anything is stored.
 */
import type { FastifyInstance } from 'fastify';
import { ReadBatch } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import type { Matching } from '../../matcher/matching.js';
import { requireIngestKey } from '../guard.js';
import { parseBody } from '../parse.js';

/** 1,000 reads without images are ~0.5 MiB; images make a batch larger (send fewer reads then). */
export const READS_BODY_LIMIT = 16 * 1024 * 1024;

export function readRoutes(app: FastifyInstance, ctx: HubContext, matching: Matching): void {
  app.post(
    '/reads',
    {
      bodyLimit: READS_BODY_LIMIT,
      onRequest: async (req) => {
        await requireIngestKey(ctx, req);
      },
    },
    async (req, reply) => {
      const { reads } = parseBody(ReadBatch, req.body, 'invalid_read', 'the batch of reads');
      return reply.code(202).send(await matching.intake.take(reads));
    },
  );
}
