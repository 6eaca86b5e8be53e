/**
 * The policy's LEADS query (issue 12): an admin sets the template and ORI; an unknown {FIELD} or a
 * malformed ORI is 400 invalid_policy naming the field, and changes nothing; a hub that never set
 * one answers no `leadsQuery` (desks use the default NCIC QV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/shared/protocol/index.js';
import { type TestHub, startTestHub } from '../support/hub.js';

describe('policy leadsQuery', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = (await t.signedIn(['admin'])).token;
  });
  afterAll(async () => t.close());

  const current = async (): Promise<Policy> => (await t.api<Policy>('GET', '/policy', { token: admin })).body;

  it('is absent until set', async () => {
    expect(await current()).not.toHaveProperty('leadsQuery');
  });

  it('refuses an unknown placeholder and a malformed ORI with the reason at its field; the policy stays as it was', async () => {
    const before = await current();
    const unknown = await t.api('PUT', '/policy', { token: admin, body: { ...before, leadsQuery: { template: 'QV.{ORI}.LIC/{PLATE}.VMA/{MAKE}' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'invalid_policy' } });
    expect((unknown.body as { issues: { path: string; message: string }[] }).issues).toContainEqual({
      path: 'leadsQuery.template',
      message: 'Unknown field {MAKE} in the query template: use {PLATE}, {STATE}, {PLATE_TYPE}, {YEAR}, {ORI}.',
    });
    const ori = await t.api('PUT', '/policy', { token: admin, body: { ...before, leadsQuery: { template: 'QV.{ORI}.LIC/{PLATE}', ori: 'IL 849900' } } });
    expect(ori.status).toBe(400);
    expect((ori.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['leadsQuery.ori']);
    expect(await current()).toEqual(before);
  });

  it('keeps a valid template and ORI, for every user', async () => {
    const leadsQuery = { template: 'QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.LIT/{PLATE_TYPE}', ori: 'IL0849900' };
    const res = await t.api('PUT', '/policy', { token: admin, body: { ...(await current()), leadsQuery } });
    expect(res.status).toBe(200);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api<Policy>('GET', '/policy', { token: trooper.token })).body.leadsQuery).toEqual(leadsQuery);
  });
});
