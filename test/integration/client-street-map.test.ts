/**
 * The street map from the hub's policy to the desk: an admin's PUT /policy with `baseMap` is
 * validated by the hub (a bad location is a 400 at the field and changes nothing), pushed live to a
 * signed-in desk, and chosen by the desk (its own setting wins, null goes back to the agency's);
 * what the host serves and what the page may connect to follow. A hostile IPC request for the
 * desk's setting is refused before any handler runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../src/main/ipc/router.js';
import { STREET_MAP_PATH } from '../../src/shared/ipc-map.js';
import type { Policy } from '../../src/shared/protocol/index.js';
import { signInConnected, startTestClient, startTestHub, stopTestClient, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';

const ADMIN = { username: 'adm.reyes', password: 'Admin-Desk-2026-x' };

describe('street map: policy -> desk', () => {
  let t: TestHub;
  let desk: TestClient;
  let headers: Record<string, string>;
  const policyUrl = (): string => `${t.hub.url}/api/v1/policy`;
  const current = async (): Promise<Policy> => (await (await fetch(policyUrl(), { headers })).json()) as Policy;
  const put = (body: unknown): Promise<Response> => fetch(policyUrl(), { method: 'PUT', headers, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await startTestHub();
    await t.hub.admin.addUser({ ...ADMIN, roles: ['admin'], unit: 'HQ' });
    const session = (await (await fetch(`${t.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { accessToken: string };
    headers = { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` };
    desk = await startTestClient(t.hub.url);
    await signInConnected(desk);
  });

  afterAll(async () => {
    await stopTestClient(desk);
    await t.close();
  });

  it('draws outlines while neither the agency nor the desk has a street map', async () => {
    expect(await desk.app.handlers['map:street'](undefined)).toEqual({ from: 'none' });
    expect(desk.app.mapSources()).toEqual({ connectOrigins: [] });
  });

  it('refuses a bad location at its field and keeps the policy as it was', async () => {
    const before = await current();
    for (const pmtiles of ['maps/il.pmtiles', 'http://maps.isp.example/il.pmtiles', '/srv/maps/il.mbtiles', '']) {
      const res = await put({ ...before, baseMap: { pmtiles } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string }; issues: { path: string; message: string }[] };
      expect(body.error.code).toBe('invalid_policy');
      expect(body.issues.map((i) => i.path)).toContain('baseMap.pmtiles');
    }
    expect(await current()).toEqual(before);
  });

  it("reaches the signed-in desk live; the desk's own map wins, and clearing it goes back to the agency's", async () => {
    const res = await put({ ...(await current()), baseMap: { pmtiles: '/srv/maps/illinois.pmtiles' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const agency = await waitFor(async () => {
      const m = await desk.app.handlers['map:street'](undefined);
      return m.from === 'agency' ? m : undefined;
    }, 'the policy push');
    expect(agency).toEqual({ from: 'agency', agency: '/srv/maps/illinois.pmtiles', tiles: expect.stringMatching(new RegExp(`^${STREET_MAP_PATH}\\?v=`)) });
    expect(desk.app.mapSources()).toEqual({ archive: { kind: 'file', path: '/srv/maps/illinois.pmtiles' }, connectOrigins: [] });

    const own = await desk.app.handlers['map:setStreet']({ pmtiles: 'https://maps.troop3.example/il.pmtiles' });
    expect(own).toMatchObject({ ok: true, map: { from: 'desk', desk: 'https://maps.troop3.example/il.pmtiles', agency: '/srv/maps/illinois.pmtiles' } });
    expect((await desk.app.handlers['settings:get'](undefined)).baseMapPmtiles).toBe('https://maps.troop3.example/il.pmtiles');
    // Relayed by the host: the page's CSP still names no map origin.
    expect(desk.app.mapSources()).toEqual({ archive: { kind: 'url', url: 'https://maps.troop3.example/il.pmtiles', origin: 'https://maps.troop3.example' }, connectOrigins: [] });

    const back = await desk.app.handlers['map:setStreet']({ pmtiles: null });
    expect(back).toMatchObject({ ok: true, map: { from: 'agency' } });
    expect((await desk.app.handlers['settings:get'](undefined)).baseMapPmtiles).toBeUndefined();
  });

  it('refuses a hostile map:setStreet before any handler runs, changing nothing', async () => {
    const router = new IpcRouter(desk.app.handlers, ['app://opentas']);
    const sender = { origin: 'app://opentas', isMainFrame: true };
    for (const request of [{ pmtiles: 'file:///etc/passwd.pmtiles' }, { pmtiles: '/a/../b.pmtiles' }, { pmtiles: 42 }, { pmtiles: '/a.pmtiles', extra: 1 }, 'nope']) {
      const answer = await router.handle('map:setStreet', request, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect((await desk.app.handlers['settings:get'](undefined)).baseMapPmtiles).toBeUndefined();
    expect((await desk.app.handlers['map:street'](undefined)).from).toBe('agency');
  });
});
