/**
 * What the OpenAPI document says about one HTTP route: written next to the routes, checked against
 * the routes the hub really registers (test/integration/hub-openapi.test.ts), turned into OpenAPI
 * 3.1 by `document.ts`. Schemas are the zod schemas the route parses with, or the answer's schema
 * the desk parses it with, so the document says what the code accepts.
 */
import type { z } from 'zod';
import type { Role } from '../../../shared/protocol/index.js';

/** Who may call a route. */
export type Access =
  | { kind: 'public' }
  /** A signed-in user; `roles` when only some may (else any role). */
  | { kind: 'user'; roles?: readonly Role[]; limitedSession?: boolean }
  /** A vendor adapter's ingest key (`Authorization: Bearer <key>`). */
  | { kind: 'ingestKey' }
  /** An ingest key, or a user with one of `roles`. */
  | { kind: 'ingestKeyOrUser'; roles: readonly Role[] }
  /** The operator's metrics token (`GET /metrics`). */
  | { kind: 'metricsToken' };

/** Where a route comes from: docs/protocol.md version 1, its 1.1 additions, or this project. */
export type Since = '1' | '1.1' | 'addition';

/** An answer that is not JSON: a file download or a text exposition. */
export interface FileAnswer {
  contentType: 'application/zip' | 'text/csv' | 'application/pdf' | 'text/plain';
  description: string;
}

export interface RouteDoc {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As fastify registers it, relative to /api/v1 (`/alerts/:id`); `root` routes sit outside /api/v1. */
  path: string;
  root?: boolean;
  /** Unique, camelCase: what generated clients name the call. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  since: Since;
  access: Access;
  /** Path parameters that are more than a string of 1-128 characters (`:id` of a zone, a list). */
  params?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Also accepted: `content-encoding: gzip` (PUT /hotlists/:id). */
  gzipBody?: boolean;
  /** The success status and its body: a schema, a file, or nothing (204). */
  ok: { status: number; description: string; schema?: z.ZodType; file?: FileAnswer };
  /** Another success, e.g. 200 for a hit sent again. */
  alsoOk?: { status: number; description: string; schema?: z.ZodType };
  /** Error statuses besides the ones `document.ts` derives (401, 403, 400, 404, 500). */
  errors?: Partial<Record<number, string>>;
}
