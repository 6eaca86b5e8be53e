/**
 * Accounts and sessions: refresh rotation and family revocation, logout, TOTP, lockout and unlock,
 * lapsed certification or training, the banner, and the security audit trail of all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/backend/auth/totp.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, type TestUser, runCli, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

describe('accounts and sessions', () => {
  let t: TestHub;
  let clock: HubTestClock;
  let adminUser: TestUser;
  // The clock moves in these tests, so an admin token is fetched fresh for each use.
  const admin = async (): Promise<string> => (await t.login(adminUser)).accessToken;

  beforeAll(async () => {
    clock = new HubTestClock();
    t = await startTestHub({ clock });
    adminUser = (await t.signedIn(['admin'])).user;
  });
  afterAll(async () => t.close());

  it('rotates refresh tokens; reusing a spent one revokes the whole family', async () => {
    const user = await t.addUser(['trooper']);
    const first = await t.login(user);
    const second = await t.api('POST', '/session/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.api('GET', '/policy', { token: second.body.accessToken })).status).toBe(200);
    const reuse = await t.api('POST', '/session/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: second.body.accessToken })).status).toBe(401);
    const events = await t.api('GET', '/audit/events?action=token_reuse', { token: await admin() });
    expect(events.body.items).toContainEqual(expect.objectContaining({ action: 'token_reuse', userId: user.id, outcome: 'refused', source: expect.any(String) }));
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: 'made-up' } })).status).toBe(401);
    expect((await t.api('POST', '/session/refresh', { body: {} })).status).toBe(400);
  });

  it('logs out: the access and refresh tokens of the session stop working', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    const other = await t.login(user);
    expect((await t.api('DELETE', '/session', { token: s.accessToken })).status).toBe(204);
    expect((await t.api('GET', '/policy', { token: s.accessToken })).body.error.code).toBe('unauthorized');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: other.accessToken })).status).toBe(200);
    const desk = t.connect({ token: s.accessToken });
    expect(await desk.refused()).toBe('unauthorized');
    // A desk already connected with the session is disconnected when it ends.
    const live = await t.login(user);
    const open = t.connect({ token: live.accessToken });
    await open.ready();
    expect((await t.api('DELETE', '/session', { token: live.accessToken })).status).toBe(204);
    await waitFor(() => open.socket.disconnected, 'the socket of the ended session to close');
    expect((await t.api('DELETE', '/session')).status).toBe(401);
  });

  it('expires access tokens after 15 minutes (token_expired)', async () => {
    const s = await t.login(await t.addUser(['trooper']));
    clock.advance(15 * 60_000 + 1000);
    const res = await t.api('GET', '/policy', { token: s.accessToken });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
  });

  it('asks for the second factor and checks it', async () => {
    const user = await t.addUser(['trooper'], { totp: true });
    expect(user.totpSecret).toMatch(/^[A-Z2-7]+$/);
    const body = { username: user.username, password: user.password };
    expect((await t.api('POST', '/session', { body })).body.error.code).toBe('otp_required');
    const wrong = String((Number(totpNow(user.totpSecret!, clock)) + 500_000) % 1_000_000).padStart(6, '0');
    expect((await t.api('POST', '/session', { body: { ...body, otp: wrong } })).body.error.code).toBe('otp_invalid');
    expect((await t.api('POST', '/session', { body: { ...body, otp: '12 34' } })).body.error.code).toBe('otp_invalid');
    const ok = await t.api('POST', '/session', { body: { ...body, otp: totpNow(user.totpSecret!, clock) } });
    expect(ok.status).toBe(200);
    expect((await t.api('POST', '/session', { body: { ...body, password: 'wrong-password', otp: totpNow(user.totpSecret!, clock) } })).body.error.code).toBe('bad_credentials');
  });

  it('locks after 5 failures within 15 minutes: the 6th attempt is 423 with retryAfter; an admin unlocks with the CLI', async () => {
    const user = await t.addUser(['trooper']);
    const wrong = { username: user.username, password: 'Wrong-Password-1' };
    for (let i = 0; i < 5; i++) expect((await t.api('POST', '/session', { body: wrong })).status).toBe(401);
    const sixth = await t.api('POST', '/session', { body: wrong });
    expect(sixth.status).toBe(423);
    expect(sixth.body.error).toEqual({ code: 'locked', message: expect.any(String), retryAfter: 900 });
    const right = await t.api('POST', '/session', { body: { username: user.username, password: user.password } });
    expect(right.status).toBe(423);
    expect(right.body.error.retryAfter).toBeGreaterThan(0);
    const unlock = await runCli(['user', 'unlock', '--data', t.dataDir, '--username', user.username]);
    expect(unlock.code).toBe(0);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
    const audit = (await t.api('GET', '/audit/events?limit=1000', { token: await admin() })).body.items as { action: string; username: string }[];
    expect(audit.filter((e) => e.action === 'lockout' && e.username === user.username)).toHaveLength(1);
    expect(audit.some((e) => e.action === 'user_unlock')).toBe(true);
  });

  it('answers an unknown user exactly like a real one, lockout included', async () => {
    const real = await t.addUser(['trooper']);
    const answers = async (username: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 6; i++) out.push((await t.api('POST', '/session', { body: { username, password: 'Wrong-Password-1' } })).body);
      return out;
    };
    expect(await answers('no-such-user-x')).toEqual(await answers(real.username));
  });

  it('does not lock for failures spread over more than 15 minutes, and a lock ends by itself', async () => {
    const user = await t.addUser(['trooper']);
    const wrong = { username: user.username, password: 'Wrong-Password-1' };
    for (let i = 0; i < 4; i++) await t.api('POST', '/session', { body: wrong });
    clock.advance(16 * 60_000);
    expect((await t.api('POST', '/session', { body: wrong })).status).toBe(401);
    for (let i = 0; i < 4; i++) await t.api('POST', '/session', { body: wrong });
    expect((await t.api('POST', '/session', { body: wrong })).status).toBe(423);
    clock.advance(15 * 60_000 + 1000);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
  });

  it('refuses a lapsed LEADS certification or training older than two years', async () => {
    const now = clock.now().getTime();
    const lapsed = await t.addUser(['trooper'], { leadsCertifiedUntil: new Date(now - 86_400_000).toISOString() });
    const stale = await t.addUser(['trooper'], { trainingCompletedAt: new Date(now - 2 * 366 * 86_400_000).toISOString() });
    for (const u of [lapsed, stale]) {
      const res = await t.api('POST', '/session', { body: { username: u.username, password: u.password } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('certification_expired');
    }
  });

  it('refuses weak passwords when adding users', async () => {
    await expect(t.hub.admin.addUser({ username: 'weak1', password: 'password1', roles: ['trooper'] })).rejects.toThrow(/common/);
    await expect(t.hub.admin.addUser({ username: 'weak2', password: 'short', roles: ['trooper'] })).rejects.toThrow(/8 characters/);
  });

  it('serves the login banner to anyone', async () => {
    const res = await t.api('GET', '/banner');
    expect(res.status).toBe(200);
    expect(res.body.text).toMatch(/restricted/i);
    expect(res.body.text).toMatch(/monitored/i);
  });

  it('records logins, failures and privileged actions with UTC time, user, source and outcome', async () => {
    await t.api('POST', '/session', { body: { username: 'ghost', password: 'Nope-Nope-Nope' } });
    const res = await t.api('GET', '/audit/events?limit=1000', { token: await admin() });
    const items = res.body.items as { at: string; action: string; outcome: string; username: string | null; source: string | null }[];
    expect(items).toContainEqual(expect.objectContaining({ action: 'login', outcome: 'failure', username: 'ghost', source: expect.stringMatching(/127\.0\.0\.1/) }));
    expect(items.some((e) => e.action === 'login' && e.outcome === 'success')).toBe(true);
    expect(items.some((e) => e.action === 'user_add')).toBe(true);
    expect(items.every((e) => e.at.endsWith('Z'))).toBe(true);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api('GET', '/audit/events', { token: trooper.token })).status).toBe(403);
    const forbidden = (await t.api('GET', '/audit/events?action=forbidden', { token: await admin() })).body.items;
    expect(forbidden.some((e: { userId: string }) => e.userId === trooper.user.id)).toBe(true);
  });
});
