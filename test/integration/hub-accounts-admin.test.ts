/**
 * docs/protocol.md#accounts-sessions-and-keys-v11, the admin's routes, against a real hub: create and
 * change users (the 1.1 user object), disable (the desk is ended within 5 s and its refresh token
 * fails), end a user's sessions, unlock (the old token family stays dead), one-use passwords, and
 * ingest keys (a revoked key gets 401 at once). Every change is in the security audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { makeHit } from '../support/hits.js';
import { TEST_PASSWORD } from '../support/passwords.js';

const USER_FIELDS = ['disabled', 'displayName', 'domain', 'id', 'lastLoginAt', 'leadsCertifiedUntil', 'locked', 'mfa', 'roles', 'trainedAt', 'unit', 'username'];

describe('accounts administration (1.1)', () => {
  let t: TestHub;
  let clock: HubTestClock;
  let adminUser: TestUser;
  const admin = async (): Promise<string> => (await t.login(adminUser)).accessToken;

  beforeAll(async () => {
    clock = new HubTestClock();
    t = await startTestHub({ clock });
    adminUser = await t.addUser(['admin']);
  });
  afterAll(async () => t.close());

  it('answers version 1.1 on /health', async () => {
    expect((await t.api('GET', '/health')).body).toMatchObject({ status: 'ok', version: '1.1' });
  });

  it('creates users (201, the 1.1 user object), refuses duplicates, bad bodies and weak passwords, and only for admins', async () => {
    const token = await admin();
    const body = { username: 'tpr.new1', password: TEST_PASSWORD, displayName: 'Tpr. New', roles: ['trooper'], unit: 'Troop 5', domain: 'motor_carrier', trainedAt: '2026-06-01T00:00:00.000Z' };
    const res = await t.api('POST', '/users', { token, body });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
    expect(res.body).toMatchObject({ username: 'tpr.new1', displayName: 'Tpr. New', roles: ['trooper'], unit: 'Troop 5', disabled: false, locked: false, mfa: false, domain: 'motor_carrier', trainedAt: '2026-06-01T00:00:00.000Z', lastLoginAt: null });
    expect((await t.api('POST', '/users', { token, body })).status).toBe(409);
    const bad = await t.api('POST', '/users', { token, body: { ...body, username: 'x y', roles: ['captain'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['username', 'roles.0']));
    const weak = await t.api('POST', '/users', { token, body: { ...body, username: 'tpr.new2', password: 'password1' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const dispatcher = await t.signedIn(['dispatcher']);
    expect((await t.api('POST', '/users', { token: dispatcher.token, body: { ...body, username: 'tpr.new3' } })).status).toBe(403);
    // Signs in with the password the admin set.
    expect((await t.api('POST', '/session', { body: { username: 'tpr.new1', password: TEST_PASSWORD } })).status).toBe(200);
  });

  it('lists users: an admin gets the 1.1 user object, a dispatcher the version 1 fields', async () => {
    const full = await t.api('GET', '/users', { token: await admin() });
    expect(full.status).toBe(200);
    for (const u of full.body.items) expect(Object.keys(u).sort()).toEqual(USER_FIELDS);
    const me = full.body.items.find((u: { id: string }) => u.id === adminUser.id);
    expect(me.lastLoginAt).toBe(clock.now().toISOString());
    const dispatcher = await t.signedIn(['dispatcher']);
    const slim = await t.api('GET', '/users', { token: dispatcher.token });
    for (const u of slim.body.items) expect(Object.keys(u).sort()).toEqual(['displayName', 'id', 'roles', 'unit', 'username']);
  });

  it('disables a user: the live desk gets session_ended {disabled} within 5 s, the refresh token and sign-in fail; re-enabling lets them in', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    const res = await t.api('PATCH', `/users/${user.id}`, { token: await admin(), body: { disabled: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, disabled: true });
    expect(await desk.ended(5_000)).toBe('disabled');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: s.accessToken })).status).toBe(401);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).body.error.code).toBe('account_disabled');
    expect((await t.api('PATCH', `/users/${user.id}`, { token: await admin(), body: { disabled: false } })).body.disabled).toBe(false);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
  });

  it('changes roles, unit, domain and dates; a role change applies at once; bad changes are refused and change nothing', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    expect((await t.api('GET', '/zones/any/history', { token: s.accessToken })).status).toBe(403);
    const token = await admin();
    const res = await t.api('PATCH', `/users/${user.id}`, { token, body: { roles: ['trooper', 'dispatcher'], unit: 'Troop 7', displayName: 'Tpr. Seven', leadsCertifiedUntil: '2030-01-01T00:00:00.000Z', trainedAt: '2026-10-01T00:00:00.000Z', domain: 'general' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['trooper', 'dispatcher'], unit: 'Troop 7', displayName: 'Tpr. Seven', leadsCertifiedUntil: '2030-01-01T00:00:00.000Z', trainedAt: '2026-10-01T00:00:00.000Z' });
    expect((await t.api('GET', '/zones/any/history', { token: s.accessToken })).status).toBe(404);
    for (const body of [{ roles: [] }, { disabled: 'yes' }, { username: 'renamed' }, { domain: 'marine' }]) {
      const bad = await t.api('PATCH', `/users/${user.id}`, { token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.issues.length).toBeGreaterThan(0);
    }
    expect((await t.api('PATCH', '/users/u-nobody', { token, body: { disabled: true } })).status).toBe(404);
    const after = (await t.api('GET', '/users', { token })).body.items.find((u: { id: string }) => u.id === user.id);
    expect(after).toMatchObject({ roles: ['trooper', 'dispatcher'], unit: 'Troop 7', disabled: false });
  });

  it('a certification date set in the past ends the user\'s sessions (certification_expired)', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    await t.api('PATCH', `/users/${user.id}`, { token: await admin(), body: { leadsCertifiedUntil: '2020-01-01T00:00:00.000Z' } });
    expect(await desk.ended()).toBe('certification_expired');
  });

  it('DELETE /users/:id/sessions ends every session of the user (revoked); their refresh tokens fail', async () => {
    const user = await t.addUser(['trooper']);
    const a = await t.login(user);
    const b = await t.login(user);
    const desks = [t.connect({ token: a.accessToken, clientId: 'desk-a' }), t.connect({ token: b.accessToken, clientId: 'desk-b' })];
    await Promise.all(desks.map((d) => d.ready()));
    expect((await t.api('DELETE', `/users/${user.id}/sessions`, { token: await admin() })).status).toBe(204);
    expect(await Promise.all(desks.map((d) => d.ended()))).toEqual(['revoked', 'revoked']);
    for (const s of [a, b]) expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.api('DELETE', '/users/u-nobody/sessions', { token: await admin() })).status).toBe(404);
  });

  it('unlocks a locked user (204); the token family from before the lock stays dead', async () => {
    const user = await t.addUser(['trooper']);
    const before = await t.login(user);
    for (let i = 0; i < 5; i++) await t.api('POST', '/session', { body: { username: user.username, password: 'Wrong-Password-1' } });
    const listed = async () => (await t.api('GET', '/users', { token: await admin() })).body.items.find((u: { id: string }) => u.id === user.id);
    expect((await listed()).locked).toBe(true);
    expect((await t.api('POST', `/users/${user.id}/unlock`, { token: await admin() })).status).toBe(204);
    expect((await listed()).locked).toBe(false);
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: before.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: before.accessToken })).status).toBe(401);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
  });

  it('issues a one-use temporary password: the user must choose a new one before anything else', async () => {
    const user = await t.addUser(['trooper']);
    const old = await t.login(user);
    const res = await t.api('POST', `/users/${user.id}/password`, { token: await admin() });
    expect(res.status).toBe(200);
    const temporaryPassword = res.body.temporaryPassword as string;
    expect(temporaryPassword).toMatch(/^\S{12,}$/);
    expect((await t.api('GET', '/policy', { token: old.accessToken })).status).toBe(401);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(401);
    const temp = await t.api('POST', '/session', { body: { username: user.username, password: temporaryPassword } });
    expect(temp.status).toBe(200);
    expect(temp.body.mustChangePassword).toBe(true);
    // One use: the same temporary password does not sign in a second time.
    expect((await t.api('POST', '/session', { body: { username: user.username, password: temporaryPassword } })).status).toBe(401);
    const limited = await t.api('GET', '/policy', { token: temp.body.accessToken });
    expect(limited.status).toBe(403);
    expect(limited.body.error.code).toBe('password_change_required');
    expect(await t.connect({ token: temp.body.accessToken }).refused()).toBe('password_change_required');
    const change = await t.api('POST', '/me/password', { token: temp.body.accessToken, body: { currentPassword: temporaryPassword, newPassword: 'Brand-New-Pass-77' } });
    expect(change.status).toBe(204);
    expect((await t.api('GET', '/policy', { token: temp.body.accessToken })).status).toBe(200);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: temporaryPassword } })).status).toBe(401);
    const fresh = await t.api('POST', '/session', { body: { username: user.username, password: 'Brand-New-Pass-77' } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.mustChangePassword).toBeUndefined();
  });

  it('creates, lists and revokes ingest keys; a revoked key gets 401 at once', async () => {
    const token = await admin();
    const created = await t.api('POST', '/keys', { token, body: { name: 'flock-adapter' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'flock-adapter', key: expect.any(String) });
    expect((await t.postHit(makeHit(), created.body.key)).status).toBe(202);
    const list = await t.api('GET', '/keys', { token });
    const item = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(item).toEqual({ id: created.body.id, name: 'flock-adapter', createdAt: clock.now().toISOString(), lastUsedAt: clock.now().toISOString() });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await t.api('DELETE', `/keys/${created.body.id}`, { token })).status).toBe(204);
    const refused = await t.postHit(makeHit(), created.body.key);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await t.api('GET', '/keys', { token })).body.items.some((k: { id: string }) => k.id === created.body.id)).toBe(false);
    expect((await t.api('DELETE', `/keys/${created.body.id}`, { token })).status).toBe(404);
    expect((await t.api('POST', '/keys', { token, body: { name: '' } })).status).toBe(400);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api('GET', '/keys', { token: trooper.token })).status).toBe(403);
  });

  it('refuses to disable the last active admin or take the role away (409 last_admin); with another admin it may', async () => {
    const own = await startTestHub();
    try {
      const a = await own.signedIn(['admin']);
      const demote = await own.api('PATCH', `/users/${a.user.id}`, { token: a.token, body: { roles: ['dispatcher'] } });
      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('last_admin');
      expect((await own.api('PATCH', `/users/${a.user.id}`, { token: a.token, body: { disabled: true } })).status).toBe(409);
      expect((await own.api('GET', '/users', { token: a.token })).body.items.find((u: { id: string }) => u.id === a.user.id)).toMatchObject({ roles: ['admin'], disabled: false });
      const b = await own.signedIn(['admin']);
      expect((await own.api('PATCH', `/users/${a.user.id}`, { token: b.token, body: { disabled: true } })).status).toBe(200);
      expect((await own.api('PATCH', `/users/${b.user.id}`, { token: b.token, body: { roles: ['supervisor'] } })).body.error.code).toBe('last_admin');
    } finally {
      await own.close();
    }
  });

  it('records every administrative change in the security audit trail, with who did it', async () => {
    const items = (await t.api('GET', '/audit/events?limit=1000', { token: await admin() })).body.items as { action: string; username: string }[];
    for (const action of ['user_add', 'user_update', 'user_disable', 'user_unlock', 'password_reset', 'sessions_revoke', 'ingest_key_add', 'ingest_key_revoke', 'password_change']) {
      expect(items.some((e) => e.action === action), action).toBe(true);
    }
    expect(items.filter((e) => e.action === 'user_disable').every((e) => e.username === adminUser.username)).toBe(true);
  });
});
