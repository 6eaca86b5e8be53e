/**
 * The HTTP API (docs/protocol.md, base path /api/v1) on fastify. Every failure leaves as
 * `{"error": {"code", "message"}}` (plus `issues` or `retryAfter`); nothing a client sends can
 * crash the process or reach the store unvalidated.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { HubContext } from '../context.js';
import { HubError } from '../errors.js';
import { registerRoutes } from './routes/index.js';
import { openApiRoutes } from './routes/openapi.js';

export const BODY_LIMIT = 2 * 1024 * 1024;

function errorBody(code: string, message: string, extra: HubError['extra'] = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { error: { code, message, ...(extra.retryAfter !== undefined ? { retryAfter: extra.retryAfter } : {}) } };
  if (extra.issues) body.issues = extra.issues;
  return body;
}

/** Fastify's own errors (parsing, limits) mapped to protocol codes. */
function frameworkError(err: FastifyError, url: string): HubError {
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    // Ingest answers its own code, so an adapter handles every refused hit the same way.
    if (url.startsWith('/api/v1/hits')) {
      return new HubError(400, 'invalid_hit', 'the body is not valid JSON', { issues: [{ path: '', message: 'not valid JSON' }] });
    }
    return new HubError(400, 'bad_json', 'the body is not valid JSON');
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HubError(413, 'too_large', 'the body is larger than 2 MiB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HubError(415, 'unsupported_media_type', 'send application/json');
    default:
      break;
  }
  if (err.statusCode === 413) return new HubError(413, 'too_large', 'the body is larger than 2 MiB');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HubError(err.statusCode, 'bad_request', 'the request could not be read');
  }
  return new HubError(500, 'internal', 'the hub could not complete this request');
}

/** PEM key and certificate for serving HTTPS (and WSS) directly, without a proxy in front. */
export interface TlsFiles {
  key: string | Buffer;
  cert: string | Buffer;
}

/** One route as fastify registers it (`url` with its prefix, e.g. `/api/v1/alerts/:id`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export function buildHttp(
  ctx: HubContext,
  log: { error: (o: unknown, msg: string) => void },
  tls?: TlsFiles,
  onRoute?: (route: RegisteredRoute) => void,
): FastifyInstance {
  const options = {
    bodyLimit: BODY_LIMIT,
    logger: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  } as const;
  // The HTTPS instance differs from the HTTP one only in its server's type; routes are the same.
  const app = tls ? (Fastify({ ...options, https: tls }) as unknown as FastifyInstance) : Fastify(options);

  // Before any route: the OpenAPI test learns every route the hub registers, so none goes undescribed.
  if (onRoute) app.addHook('onRoute', (r) => [r.method].flat().forEach((method) => onRoute({ method, url: r.url })));

  app.setErrorHandler((err: FastifyError | HubError, req, reply) => {
    const e = err instanceof HubError ? err : frameworkError(err, req.url);
    if (e.status >= 500) log.error({ err }, 'request failed');
    if (e.extra.retryAfter !== undefined) void reply.header('retry-after', String(e.extra.retryAfter));
    void reply.code(e.status).send(errorBody(e.code, e.message, e.extra));
  });

  // Answers carry criminal-justice information: never cached, never sniffed into another type.
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
    // Served over TLS: browsers and clients must never fall back to plain HTTP for this host (CJIS SC-8).
    if (tls) void reply.header('strict-transport-security', 'max-age=31536000');
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`));
  });

  // Only the routes that check a secret are limited (http/rate-limits.ts), never ingest.
  void app.register(rateLimit, { global: false });
  void app.register((scope, _opts, done) => {
    registerRoutes(scope, ctx);
    openApiRoutes(scope, ctx.version);
    done();
  }, { prefix: '/api/v1' });
  return app;
}
