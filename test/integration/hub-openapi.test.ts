/**
 * `GET /api/v1/openapi.json` on a real hub: public, the same text as docs/openapi.json, and true to
 * the hub: every route fastify registers (collected with its onRoute hook, /metrics included) is in
 * the document and nothing else is, so a route added without a description fails here by name; and
 * real answers of the hub (successes and refusals) fit the schemas the document gives for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiFile } from '../../scripts/make-openapi.js';
import type { RegisteredRoute } from '../../src/backend/http/app.js';
import { ROUTE_DOCS, openApiPath } from '../../src/backend/http/openapi/document.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { OpenApiSchemas } from '../support/openapi-check.js';

const METRICS_TOKEN = 'openapi-test-metrics-token-0123456789';
const PREFIX = '/api/v1';

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
});

/** `/alerts/:id` as a pattern matching `/alerts/abc`. */
function routePattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
}
