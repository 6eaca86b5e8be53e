/**
 * Builds the hub's OpenAPI 3.1 document from the route descriptions (desk-routes.ts,
 * review-routes.ts) and the zod schemas they name, with zod's own `z.toJSONSchema` (draft 2020-12,
 * the dialect of OpenAPI 3.1). Named schemas become `components/schemas` and every use of one a
 * `$ref`; a query schema becomes one `parameters` entry per field. `io: 'input'`: the document says
 * what the receiving side's parser accepts (a field with a default may be left out).
 */
import { z } from 'zod';
import { AlertTrail, Escalation, ExportRecord, MonthlyReport, Refusal, SharingReport } from '../../../shared/ipc-review.js';
import { MyAlertPage } from '../../../shared/ipc-history.js';
import { TroopAlerts } from '../../../shared/ipc-troop.js';
import { ZoneChange } from '../../../shared/ipc-zones.js';
import * as protocol from '../../../shared/protocol/index.js';
import { LocalEntry, LocalEntryInput, LocalEntryList } from '../../../shared/protocol/local-entry.js';
import * as answers from './answers.js';
import { DESK_ROUTES } from './desk-routes.js';
import { REVIEW_ROUTES } from './review-routes.js';
import type { Access, RouteDoc } from './route-doc.js';

/** Every route of the hub's HTTP API, in the order the document lists them. */
export const ROUTE_DOCS: readonly RouteDoc[] = [...DESK_ROUTES, ...REVIEW_ROUTES];

const p = protocol;
/** Schemas shared by several answers or known by name in docs/protocol.md: one component each. */
const NAMED: Record<string, z.ZodType> = {
  IsoTime: p.IsoTime, Category: p.Category, Role: p.Role, Domain: p.Domain, UsState: p.UsState, Plate: p.Plate,
  Hit: p.Hit, Alert: p.Alert, AckEntry: p.AckEntry, ZoneId: p.ZoneId, ZoneGeometry: p.ZoneGeometry, Zone: p.Zone, ZoneChange,
  Policy: p.Policy, Preferences: p.Preferences, LoginRequest: p.LoginRequest, PublicUser: p.PublicUser, SessionTokens: p.SessionTokens,
  AccountUser: p.AccountUser, NewUserRequest: p.NewUserRequest, UserPatch: p.UserPatch, TemporaryPassword: p.TemporaryPassword,
  IngestKeyItem: p.IngestKeyItem, CreatedKey: p.CreatedKey, KeyName: p.KeyName, OtpEnrolment: p.OtpEnrolment,
  ExportRequest: p.ExportRequest, ExportCreated: p.ExportCreated, Read: p.Read, ReadBatch: p.ReadBatch, ReadBatchAnswer: p.ReadBatchAnswer,
  HotlistId: p.HotlistId, HotlistEntry: p.HotlistEntry, HotlistUpload: p.HotlistUpload, HotlistSummary: p.HotlistSummary,
  ReadSearchAnswer: p.ReadSearchAnswer, ReadSearchRecords: p.ReadSearchRecords, LocalEntryInput, LocalEntry, LocalEntryList,
  AlertTrail, Refusal, Escalation, ExportRecord, MonthlyReport, SharingReport, MyAlertPage, TroopAlerts,
  Error: answers.ErrorBody, Health: answers.Health, Banner: answers.Banner, HitAccepted: answers.HitAccepted,
  AlertWithoutImages: answers.AlertWithoutImages, AlertPage: answers.AlertPage, AckPage: answers.AckPage,
  ChainReport: answers.ChainReport, AuditChainReport: answers.AuditChainReport, AuditEventItem: answers.AuditEventItem,
  ZoneDeleted: answers.ZoneDeleted, HotlistStored: answers.HotlistStored, UserDirectory: answers.UserDirectory, PeriodMetrics: answers.PeriodMetrics,
};

type Json = Record<string, unknown>;

const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);
/** fastify's `/alerts/:id` is OpenAPI's `/alerts/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const pathParams = (path: string): string[] => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');

/** Every schema the routes use, by component name: named ones, then `<OperationId>Query|Request|Answer`. */
function schemaIds(routes: readonly RouteDoc[]): Map<z.ZodType, string> {
  const ids = new Map<z.ZodType, string>(Object.entries(NAMED).map(([id, s]) => [s, id]));
  const name = (schema: z.ZodType | undefined, id: string) => {
    if (schema && !ids.has(schema)) ids.set(schema, id);
  };
  for (const r of routes) {
    name(r.query, `${pascal(r.operationId)}Query`);
    name(r.body, `${pascal(r.operationId)}Request`);
    name(r.ok.schema, `${pascal(r.operationId)}Answer`);
    name(r.alsoOk?.schema, `${pascal(r.operationId)}Answer`);
    for (const [param, schema] of Object.entries(r.params ?? {})) name(schema, `${pascal(r.operationId)}${pascal(param)}`);
  }
  return ids;
}

/** JSON Schemas of every schema in `ids`, with `$ref`s between them. */
function jsonSchemas(ids: Map<z.ZodType, string>): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of ids) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => {
    const { $schema: _schema, $id: _id, ...rest } = s;
    return [id, rest];
  }));
}

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });

/** What the list routes' common query fields mean, where the schema says nothing itself. */
const QUERY_WORDS: Record<string, string> = {
  cursor: 'The `nextCursor` of the page before (opaque); absent for the first page.',
  limit: 'Items per page.',
  bbox: '`west,south,east,north` in degrees.',
  user: 'A user id or a username.',
  month: 'A month, `YYYY-MM`.',
  since: 'From this time (ISO 8601 with a zone).',
  until: 'Up to this time (ISO 8601 with a zone).',
  category: 'Only this category.',
  unit: 'Only this unit (Troop).',
  alert: "Only this alert's id.",
  order: '`asc` oldest first or `desc` newest first; `nextCursor` pages on in that order.',
  q: "Text found in the alert's plate or the action's case number, any case.",
  step: 'Only this acknowledgement step.',
  result: 'Only this verification result.',
  action: 'Only this audit action (e.g. `login`, `hotlist_put`).',
  plate: 'A part of a plate; case, spaces and hyphens do not matter.',
};

/** A query schema's fields as `in: query` parameters. */
function queryParameters(schema: Json): Json[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => {
    const description = typeof s.description === 'string' ? s.description : QUERY_WORDS[name];
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: s };
  });
}

const SECURITY: Record<Access['kind'], Json[]> = {
  public: [],
  user: [{ userToken: [] }],
  ingestKey: [{ ingestKey: [] }],
  ingestKeyOrUser: [{ ingestKey: [] }, { userToken: [] }],
  metricsToken: [{ metricsToken: [] }],
};

function whoMayCall(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'Public: no credentials.';
    case 'ingestKey':
      return 'An ingest key (vendor adapter).';
    case 'metricsToken':
      return "The operator's metrics token.";
    case 'ingestKeyOrUser':
      return `An ingest key, or a signed-in ${access.roles.join(' or ')}.`;
    case 'user':
      return `${access.roles ? `A signed-in ${access.roles.join(', ')}` : 'Any signed-in user'}${access.limitedSession ? ' (also a session limited to fixing the account)' : ''}.`;
  }
}

/** Refusals many routes share, as `components/responses`; a route's own texts are written inline. */
const COMMON_ERRORS: Record<string, string> = {
  InvalidRequest: "`invalid_request` (or the route's own code) with `issues` naming each field.",
  Unauthorized: '`unauthorized` (no token, a bad one, an ended session) or `token_expired`.',
  UnauthorizedKey: '`unauthorized`: no valid credentials.',
  Forbidden: '`forbidden`: your roles do not allow this; also `password_change_required` or `otp_enrollment_required` for a limited session, `certification_expired`.',
  LimitedSession: '`password_change_required` or `otp_enrollment_required` for a limited session, `certification_expired`.',
  NotFound: '`not_found`.',
  TooLarge: '`too_large`: over 2 MiB.',
  Internal: '`internal`: the hub could not complete the request.',
};
type ErrorAnswer = { common: keyof typeof COMMON_ERRORS } | { text: string };

/** The errors every route of its kind can answer, then the route's own (which win). */
function errorAnswers(r: RouteDoc): Record<number, ErrorAnswer> {
  const out: Record<number, ErrorAnswer> = {};
  if (r.body || r.query) out[400] = { common: 'InvalidRequest' };
  if (r.access.kind !== 'public') out[401] = { common: r.access.kind === 'user' ? 'Unauthorized' : 'UnauthorizedKey' };
  if (r.access.kind === 'user' && !r.access.limitedSession) out[403] = { common: r.access.roles ? 'Forbidden' : 'LimitedSession' };
  if (pathParams(r.path).length > 0) out[404] = { common: 'NotFound' };
  if (r.body) out[413] = { common: 'TooLarge' };
  for (const [status, text] of Object.entries(r.errors ?? {})) if (text) out[Number(status)] = { text };
  out[500] = { common: 'Internal' };
  return out;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function operation(r: RouteDoc, schemas: Record<string, Json>, ids: Map<z.ZodType, string>): Json {
  const idOf = (s: z.ZodType): string => ids.get(s) ?? '';
  const parameters: Json[] = pathParams(r.path).map((name) => {
    const s = r.params?.[name];
    return { name, in: 'path', required: true, schema: s ? ref(idOf(s)) : { type: 'string', minLength: 1 } };
  });
  if (r.query) parameters.push(...queryParameters(schemas[idOf(r.query)] ?? {}));
  if (r.gzipBody) parameters.push({ name: 'content-encoding', in: 'header', required: false, description: 'gzip, or none for plain JSON.', schema: { type: 'string', enum: ['gzip', 'identity'] } });
  const json = (s: z.ZodType) => ({ 'application/json': { schema: ref(idOf(s)) } });
  const responses: Json = {};
  const ok = r.ok;
  responses[String(ok.status)] = {
    description: ok.description,
    ...(ok.schema ? { content: json(ok.schema) } : {}),
    ...(ok.file
      ? {
          content: { [ok.file.contentType]: { schema: ok.file.contentType.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: ok.file.contentType } } },
          ...(ok.file.contentType === 'text/plain' ? {} : { headers: { 'content-disposition': { description: 'attachment; filename="..."', schema: { type: 'string' } } } }),
        }
      : {}),
  };
  if (r.alsoOk) responses[String(r.alsoOk.status)] = { description: r.alsoOk.description, ...(r.alsoOk.schema ? { content: json(r.alsoOk.schema) } : {}) };
  for (const [status, answer] of Object.entries(errorAnswers(r))) {
    responses[status] =
      'common' in answer
        ? { $ref: `#/components/responses/${answer.common}` }
        : {
            description: answer.text,
            content: errorContent,
            ...(status === '429' || status === '423' ? { headers: { 'retry-after': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {}),
          };
  }
  const roles = r.access.kind === 'user' || r.access.kind === 'ingestKeyOrUser' ? r.access.roles : undefined;
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description: [r.description, whoMayCall(r.access)].filter(Boolean).join(' '),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(r.body
      ? { requestBody: { required: true, content: json(r.body), ...(r.gzipBody ? { description: 'JSON; `content-encoding: gzip` accepted.' } : {}) } }
      : {}),
    responses,
    security: SECURITY[r.access.kind],
    ...(roles ? { 'x-opentas-roles': [...roles] } : {}),
    'x-opentas-since': r.since,
  };
}

const hubServer = (path: string): Json => ({
  url: `https://{hub}${path}`,
  description: 'opentas-hub serve (plain http only on loopback or behind a TLS proxy).',
  variables: { hub: { default: '127.0.0.1:8443', description: 'host:port of the hub' } },
});

export function buildOpenApi(version: string, routes: readonly RouteDoc[] = ROUTE_DOCS): Json {
  const ids = schemaIds(routes);
  const all = jsonSchemas(ids);
  const queryIds = new Set(routes.flatMap((r) => (r.query ? [ids.get(r.query)] : [])));
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const key = openApiPath(r.path);
    paths[key] ??= r.root ? { servers: [hubServer('')] } : {};
    paths[key][r.method.toLowerCase()] = operation(r, all, ids);
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.1',
    info: {
      title: 'OpenTAS hub: HTTP API',
      version,
      description:
        "The hub's HTTP API, generated from the zod schemas the routes parse with (src/backend/http/openapi, do not edit by hand). " +
        'Every failure answers the `Error` body. `x-opentas-since` marks each operation: 1, 1.1 (docs/protocol.md), or an addition of this project; ' +
        '`x-opentas-roles` the roles that may call it. The alert stream (Socket.IO) is docs/asyncapi.json.',
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [hubServer('/api/v1')],
    tags,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(all).filter(([id]) => !queryIds.has(id))),
      responses: Object.fromEntries(Object.entries(COMMON_ERRORS).map(([id, text]) => [id, { description: text, content: errorContent }])),
      securitySchemes: {
        userToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token of POST /session (15 minutes; renew with POST /session/refresh).' },
        ingestKey: { type: 'http', scheme: 'bearer', description: 'An ingest key an admin issued to one vendor adapter (POST /keys): `Authorization: Bearer <key>`.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: "The operator's OPENTAS_METRICS_TOKEN (GET /metrics only)." },
      },
    },
  };
}

/** The document's exact text: two-space JSON and a final newline (docs/openapi.json, the served body). */
export const renderOpenApi = (version: string): string => `${JSON.stringify(buildOpenApi(version), null, 2)}\n`;
