/**
 * `GET /openapi.json` (an addition to docs/protocol.md, issue 11): the HTTP API as an OpenAPI 3.1
 * document, public so vendors can generate clients from a running hub. Built on the first request
 * and kept: it depends only on the code, never on the hub's data.
 */
import type { FastifyInstance } from 'fastify';
import { renderOpenApi } from '../openapi/document.js';

export function openApiRoutes(app: FastifyInstance, version: string): void {
  let text: string | undefined;
  app.get('/openapi.json', async (_req, reply) => {
    text ??= renderOpenApi(version);
    return reply.type('application/json; charset=utf-8').send(text);
  });
}
