/**
 * The policy's update server for the desk app (issue 14): absent until an admin sets it; anything but
 * an https URL is 400 invalid_policy at `updateFeedUrl` and changes nothing; a set one reaches every user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/shared/protocol/index.js';
import { type TestHub, startTestHub } from '../support/hub.js';

describe('policy updateFeedUrl', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = (await t.signedIn(['admin'])).token;
  });
  afterAll(async () => t.close());

  const current = async (): Promise<Policy> => (await t.api<Policy>('GET', '/policy', { token: admin })).body;

  it('is absent until set: desks then never look for updates', async () => {
    expect(await current()).not.toHaveProperty('updateFeedUrl');
  });

  it('refuses a server that is not https, or not a URL, at its field; the policy stays as it was', async () => {
    const before = await current();
    for (const updateFeedUrl of ['http://updates.isp.example.gov/opentas/', 'updates.isp.example.gov', 42]) {
      const res = await t.api('PUT', '/policy', { token: admin, body: { ...before, updateFeedUrl } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_policy' } });
      const paths = (res.body as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect([...new Set(paths)]).toEqual(['updateFeedUrl']);
    }
    expect(await current()).toEqual(before);
  });

  it('keeps an https server, for every user, and removes it when left out', async () => {
    const updateFeedUrl = 'https://updates.isp.example.gov/opentas/';
    expect(
      (await t.api('PUT', '/policy', { token: admin, body: { ...(await current()), updateFeedUrl } })).status,
    ).toBe(200);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api<Policy>('GET', '/policy', { token: trooper.token })).body.updateFeedUrl).toBe(
      updateFeedUrl,
    );
    const { updateFeedUrl: _dropped, ...without } = await current();
    expect((await t.api('PUT', '/policy', { token: admin, body: without })).status).toBe(200);
    expect(await current()).not.toHaveProperty('updateFeedUrl');
  });
});
