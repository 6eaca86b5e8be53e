/**
 * `GET /metrics` (docs/metrics.md): the hub's Prometheus metrics, outside /api/v1 where scrapers
 * look by default. Registered only when the operator gave a metrics token; then a request without
 * exactly that bearer token is 401 and learns nothing else. The token is compared by its SHA-256
 * in constant time, so the comparison's duration says nothing about how much of it was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../../errors.js';
import { bearer } from '../guard.js';

export interface MetricsEndpoint {
  token: string;
  exposition(): Promise<{ contentType: string; text: string }>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function metricsRoutes(app: FastifyInstance, endpoint: MetricsEndpoint): void {
  const expected = digest(endpoint.token);
  app.get('/metrics', async (req, reply) => {
    const given = bearer(req);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      void reply.header('www-authenticate', 'Bearer');
      throw unauthorized('a valid bearer token is required');
    }
    const { contentType, text } = await endpoint.exposition();
    return reply.type(contentType).send(text);
  });
}
