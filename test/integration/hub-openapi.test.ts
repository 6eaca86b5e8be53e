/**
 * `GET /api/v1/openapi.json` on a real hub: public, the same text as docs/openapi.json, and true to
 * the hub: every route fastify registers (collected with its onRoute hook, /metrics included) is in
 * the document and nothing else is, so a route added without a description fails here by name; each
 * operation's `security` and `x-opentas-roles` are what the hub enforces (every operation called
 * without credentials and as each role); and real answers of the hub (successes and refusals) fit the
 * schemas the document gives for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiFile } from '../../scripts/make-openapi.js';
import type { RegisteredRoute } from '../../src/backend/http/app.js';
import { ROUTE_DOCS, openApiPath } from '../../src/backend/http/openapi/document.js';
import { type Hit, type Read, Role } from '../../src/shared/protocol/index.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { OpenApiSchemas } from '../support/openapi-check.js';
import { CHICAGO, zone } from '../support/zones.js';

const METRICS_TOKEN = 'openapi-test-metrics-token-0123456789';
const PREFIX = '/api/v1';
const ROLES = Role.options;

describe('GET /api/v1/openapi.json', () => {
  let t: TestHub;
  const registered: RegisteredRoute[] = [];

  beforeAll(async () => {
    // With a metrics token, so the one route outside /api/v1 is registered too.
    t = await startTestHub({ metrics: { token: METRICS_TOKEN }, onRoute: (r) => registered.push(r) });
  });
  afterAll(async () => t.close());

  it('serves the committed document to anyone, as JSON', async () => {
    const res = await fetch(`${t.url}${PREFIX}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(renderOpenApiFile());
    // Built once: the second answer is the same text.
    expect(await (await fetch(`${t.url}${PREFIX}/openapi.json`)).text()).toBe(renderOpenApiFile());
  });

  it('describes every route the hub registers, and only those', () => {
    // fastify adds a HEAD route beside each GET on its own; it is no route of the API.
    const gets = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
    const live = new Set(registered.filter((r) => !(r.method === 'HEAD' && gets.has(r.url))).map((r) => `${r.method} ${r.url}`));
    const described = new Set(ROUTE_DOCS.map((d) => `${d.method} ${d.root ? '' : PREFIX}${d.path}`));
    expect(live.size, 'the hook saw the routes').toBeGreaterThan(50);
    const undescribed = [...live].filter((r) => !described.has(r));
    const unregistered = [...described].filter((r) => !live.has(r));
    expect(undescribed, 'routes missing from src/backend/http/openapi (describe them, then `npm run openapi`)').toEqual([]);
    expect(unregistered, 'described routes the hub does not register').toEqual([]);
  });

  it('says truly who may call each operation: 401 without credentials, 403 for each role outside x-opentas-roles, never for a role inside', async () => {
    const doc = (await t.api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, (await t.signedIn([role])).token);
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const root = Array.isArray(item.servers);
      for (const [method, op] of Object.entries(item)) {
        if (method === 'servers') continue;
        const url = `${t.url}${root ? '' : PREFIX}${path.replace(/\{[^}]+\}/g, 'x')}`;
        const where = `${method.toUpperCase()} ${path}`;
        const security = op.security as unknown[];
        const anonymous = await fetch(url, { method: method.toUpperCase() });
        await anonymous.arrayBuffer();
        if (security.length > 0 && anonymous.status !== 401) wrong.push(`${where}: ${anonymous.status} without credentials, documented as needing them`);
        if (security.length === 0 && anonymous.status === 401) wrong.push(`${where}: 401 without credentials, documented as public`);
        const roles = op['x-opentas-roles'] as Role[] | undefined;
        const forUsers = security.some((s) => Object.keys(s as object).includes('userToken'));
        for (const role of forUsers ? ROLES : []) {
          const res = await fetch(url, { method: method.toUpperCase(), headers: { authorization: `Bearer ${tokens.get(role) ?? ''}` } });
          const text = await res.text();
          const refused = res.status === 401 || (res.status === 403 && text.includes('"forbidden"'));
          // Without a body or a real id the call may well be 400 or 404: only the role check is looked at.
          if (roles && !roles.includes(role) && !refused) wrong.push(`${where}: ${res.status} for a ${role}, documented for ${roles.join(', ')} only`);
          if ((!roles || roles.includes(role)) && refused) wrong.push(`${where}: ${res.status} refused a ${role}, documented as allowed`);
          // Signing out ended that session: the next operations need a live one.
          if (op.operationId === 'signOut') tokens.set(role, (await t.signedIn([role])).token);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(ROUTE_DOCS.length);
    expect(wrong).toEqual([]);
  });

  it('gives schemas that the hub\'s real answers fit', async () => {
    const doc = (await t.api('GET', '/openapi.json')).body as Record<string, unknown>;
    const schemas = new OpenApiSchemas(doc);
    const problems: string[] = [];
    const expectAnswer = async (method: string, path: string, status: number, token?: string, body?: unknown) => {
      const res = await t.api(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
      expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
      const documented = openApiPath(ROUTE_DOCS.find((d) => d.method === method && path.split('?')[0]?.match(routePattern(d.path)))?.path ?? path);
      problems.push(...schemas.check(method, documented, status, res.body));
      return res.body as Record<string, unknown>;
    };

    const admin = await t.signedIn(['admin']);
    const supervisor = await t.signedIn(['supervisor'], { unit: 'Troop 3' });
    const hit = makeHit();
    await expectAnswer('GET', '/health', 200);
    await expectAnswer('GET', '/banner', 200);
    await expectAnswer('POST', '/session', 200, undefined, { username: supervisor.user.username, password: supervisor.user.password });
    await expectAnswer('POST', '/session/refresh', 200, undefined, { refreshToken: supervisor.tokens.refreshToken });
    const accepted = await expectAnswer('POST', '/hits', 202, t.ingestKey, hit);
    await expectAnswer('POST', '/hits', 200, t.ingestKey, hit);
    const signedIn = await t.login(supervisor.user);
    const token = signedIn.accessToken;
    await expectAnswer('GET', '/alerts?limit=5', 200, token);
    await expectAnswer('GET', `/alerts/${encodeURIComponent(String(accepted.id))}`, 200, token);
    await expectAnswer('GET', '/acks', 200, token);
    await expectAnswer('GET', '/audit/verify', 200, token);
    await expectAnswer('GET', '/audit/events?limit=20', 200, token);
    await expectAnswer('GET', '/audit/events/verify', 200, token);
    await expectAnswer('GET', '/policy', 200, token);
    await expectAnswer('GET', '/me/preferences', 200, token);
    await expectAnswer('GET', '/zones', 200, token);
    await expectAnswer('GET', '/hotlists', 200, token);
    await expectAnswer('GET', '/troop/alerts', 200, token);
    await expectAnswer('GET', '/users', 200, token);
    await expectAnswer('GET', '/users', 200, admin.token);
    await expectAnswer('GET', '/keys', 200, admin.token);
    await expectAnswer('GET', '/reports/metrics', 200, token);
    // Refusals: the one error body, with `issues` on a 400.
    await expectAnswer('GET', '/alerts', 401);
    await expectAnswer('GET', '/keys', 403, token);
    const bad = await expectAnswer('GET', '/alerts?limit=0', 400, token);
    expect(bad.issues, 'a 400 names the field').toEqual([expect.objectContaining({ path: 'limit' })]);
    await expectAnswer('GET', '/alerts/no-such-alert', 404, token);
    await expectAnswer('POST', '/hits', 400, t.ingestKey, { ...hit, plate: 'bad plate' });
    expect(problems, 'answers that do not fit the documented schema').toEqual([]);
  });

  it("gives schemas that the hub's answers to dispatchers, troopers, admins and reports fit", async () => {
    const doc = (await t.api('GET', '/openapi.json')).body as Record<string, unknown>;
    const schemas = new OpenApiSchemas(doc);
    const problems: string[] = [];
    const answer = async (method: string, path: string, status: number, token: string, body?: unknown) => {
      const res = await t.api(method, path, { token, ...(body !== undefined ? { body } : {}) });
      expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(status);
      const route = ROUTE_DOCS.find((d) => d.method === method && routePattern(d.path).test(path.split('?')[0] ?? ''));
      if (status !== 204) problems.push(...schemas.check(method, openApiPath(route?.path ?? path), status, res.body));
      return res.body as Record<string, unknown>;
    };
    const dispatcher = (await t.signedIn(['dispatcher'], { unit: 'Troop 3' })).token;
    const trooper = (await t.signedIn(['trooper'], { unit: 'Troop 3' })).token;
    const supervisor = (await t.signedIn(['supervisor'])).token;
    const admin = (await t.signedIn(['admin'])).token;
    await answer('PUT', '/zones/chicago-south', 200, dispatcher, zone('chicago-south', CHICAGO, { units: ['Troop 3'] }));
    await answer('GET', '/zones/chicago-south/history', 200, dispatcher);
    await answer('DELETE', '/zones/chicago-south', 200, dispatcher);
    await answer('PUT', '/zones/bad', 400, dispatcher, { name: 'no geometry' });
    await answer('GET', '/me/alerts', 200, trooper);
    await answer('GET', '/escalations', 200, dispatcher);
    await answer('GET', '/acks/refusals', 200, supervisor);
    await answer('GET', '/audit/exports', 200, supervisor);
    await answer('GET', '/reports/monthly?month=2026-11', 200, supervisor);
    await answer('GET', '/reports/sharing?month=2026-11', 200, supervisor);
    await answer('GET', '/reads?plate=ABC*&purpose=stolen%20vehicle&caseNumber=C-1', 200, trooper);
    await answer('GET', '/reads', 400, trooper);
    await answer('GET', '/reads/searches', 200, supervisor);
    await answer('POST', '/reads', 202, t.ingestKey, { reads: [readOf(makeHit())] });
    const key = await answer('POST', '/keys', 201, admin, { name: 'openapi-vendor' });
    await answer('DELETE', `/keys/${String(key.id)}`, 204, admin);
    const user = await answer('POST', '/users', 201, admin, { username: 'openapi1', password: 'Openapi-Test-Password-2026', displayName: 'Open API', roles: ['trooper'] });
    await answer('PATCH', `/users/${String(user.id)}`, 200, admin, { unit: 'Troop 5' });
    await answer('POST', `/users/${String(user.id)}/password`, 200, admin);
    await answer('POST', '/me/otp', 200, trooper);
    const expiresAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    const entry = { plate: 'OPN1234', state: 'IL', category: 'stolen', reason: 'stolen from the lot', caseNumber: 'C-77', purpose: 'recovery', expiresAt };
    const added = await answer('POST', '/hotlists/local/entries', 201, trooper, entry);
    await answer('GET', '/hotlists/local/entries', 200, trooper);
    await answer('DELETE', `/hotlists/local/entries/${String(added.id)}`, 204, trooper);
    await answer('POST', '/hotlists/local/entries', 400, trooper, { ...entry, expiresAt: '2001-01-01T00:00:00Z' });
    expect(problems, 'answers that do not fit the documented schema').toEqual([]);
  });
});

/** A read as a camera sends it: the hit without what the matcher adds. */
function readOf(hit: Hit): Read {
  const { category: _c, hotlist: _h, ...read } = hit;
  return read;
}

/** `/alerts/:id` as a pattern matching `/alerts/abc`. */
function routePattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
}
