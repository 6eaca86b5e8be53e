/**
 * docs/openapi.json cannot rot: it must be exactly what `npm run openapi` builds from the route
 * descriptions and zod schemas today, a valid OpenAPI 3.1 document (the official schema, through
 * @seriousme/openapi-schema-validator), with every `$ref` resolving, every path parameter declared,
 * unique operationIds, and schemas that accept and refuse what the hub's zod schemas do.
 * test/integration/hub-openapi.test.ts checks it against the routes a real hub registers.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, renderOpenApiFile } from '../../../scripts/make-openapi.js';
import { buildOpenApi } from '../../../src/backend/http/openapi/document.js';
import { HUB_VERSION } from '../../../src/backend/server.js';
import { Hit, Zone } from '../../../src/shared/protocol/index.js';
import { makeHit } from '../../support/hits.js';
import { OpenApiSchemas } from '../../support/openapi-check.js';

type Json = Record<string, unknown>;
const REGENERATE = 'docs/openapi.json is out of date with the routes and zod schemas: run `npm run openapi` and commit it';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const doc = buildOpenApi(HUB_VERSION);
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Json })),
);

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` builds from the current routes and schemas', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8'), REGENERATE).toBe(renderOpenApiFile());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], 'OpenAPI 3.1 schema errors').toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('resolves every $ref inside the document', () => {
    const refs = new Set(JSON.stringify(doc).match(/"\$ref":"#\/[^"]+"/g) ?? []);
    expect(refs.size).toBeGreaterThan(40);
    for (const raw of refs) {
      const path = raw.slice('"$ref":"#/'.length, -1).split('/');
      const target = path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
      expect(target, `${raw} points at nothing`).toBeDefined();
    }
  });

  it('declares each path parameter of each operation, and no other', () => {
    for (const { path, method, op } of operations) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = ((op.parameters ?? []) as Json[]).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), `${method.toUpperCase()} ${path}`).toEqual(inPath);
      for (const p of declared) expect(p.required, `${method.toUpperCase()} ${path} {${String(p.name)}}`).toBe(true);
      expect(path, 'fastify ":id" must read "{id}"').not.toMatch(/:/);
    }
  });

  it('names each operation once, says who may call it and answers errors with the one error body', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'operationIds used twice').toEqual([]);
    const schemes = Object.keys((doc.components as Json).securitySchemes as Json);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(Array.isArray(op.security), `${where} says nothing about credentials`).toBe(true);
      for (const requirement of op.security as Json[]) for (const name of Object.keys(requirement)) expect(schemes, where).toContain(name);
      const statuses = Object.keys(op.responses as Json);
      expect(statuses.some((s) => /^2/.test(s)), `${where} has no success answer`).toBe(true);
      for (const s of statuses.filter((x) => /^[45]/.test(x))) {
        let response = (op.responses as Record<string, Json>)[s] ?? {};
        if (typeof response.$ref === 'string') response = ((doc.components as Json).responses as Record<string, Json>)[response.$ref.split('/').at(-1) ?? ''] ?? {};
        const schema = (response.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
        expect(schema, `${where} ${s}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      if ((op.security as Json[]).length > 0) expect(statuses, `${where} may be refused`).toContain('401');
    }
  });

  it('has schemas that accept what the hub accepts and refuse what it refuses', () => {
    const schemas = new OpenApiSchemas(doc);
    const hit = schemas.validator({ $ref: '#/components/schemas/Hit' });
    const good = makeHit();
    expect(Hit.safeParse(good).success).toBe(true);
    expect(hit(good), JSON.stringify(hit.errors)).toBe(true);
    for (const bad of [{ ...good, plate: 'abc 123' }, { ...good, category: 'parking' }, { ...good, extra: 1 }, { ...good, readAt: 'yesterday' }]) {
      expect(Hit.safeParse(bad).success).toBe(false);
      expect(hit(bad), JSON.stringify(bad)).toBe(false);
    }
    const zone = schemas.validator({ $ref: '#/components/schemas/Zone' });
    const square = {
      id: 'troop-3',
      name: 'Troop 3',
      geometry: { type: 'Polygon', coordinates: [[[-89.7, 39.7], [-89.6, 39.7], [-89.6, 39.8], [-89.7, 39.8], [-89.7, 39.7]]] },
      assignees: { users: [], units: ['Troop 3'] },
      active: true,
    };
    expect(Zone.safeParse(square).error?.issues ?? []).toEqual([]);
    expect(zone(square), JSON.stringify(zone.errors)).toBe(true);
    expect(zone({ ...square, id: '../x' })).toBe(false);
  });
});
