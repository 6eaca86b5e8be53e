/**
 * docs/protocol.md 1.1, a user's own account and the hub's brakes, against a real hub: changing the
 * password ends the user's other sessions; a policy that requires MFA limits a user without a
 * second factor to enrolling one; a TOTP code is good once (at enrolment and at sign-in); the
 * idle lock is capped at 30 minutes; rate limits answer 429 with retryAfter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/backend/auth/totp.js';
import { DEFAULT_POLICY } from '../../src/shared/protocol/index.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';

describe('own account, MFA and rate limits (1.1)', () => {
  let t: TestHub;
  let clock: HubTestClock;
  // The admin has a second factor (so mfaRequired does not limit them) and signs in once: a
  // TOTP code is good once, and the clock moves less than the token's 15 minutes here.
  let adminToken = '';
  const admin = async (): Promise<string> => adminToken;

  beforeAll(async () => {
    clock = new HubTestClock();
    t = await startTestHub({ clock });
    const adminUser: TestUser = await t.addUser(['admin'], { totp: true });
    adminToken = (await t.login(adminUser, totpNow(adminUser.totpSecret!, clock))).accessToken;
  });
  afterAll(async () => t.close());

  it('changes the password: the other sessions end (password_changed), this one goes on', async () => {
    const user = await t.addUser(['trooper']);
    const mine = await t.login(user);
    const other = await t.login(user);
    const otherDesk = t.connect({ token: other.accessToken, clientId: 'desk-other' });
    const myDesk = t.connect({ token: mine.accessToken, clientId: 'desk-mine' });
    await Promise.all([otherDesk.ready(), myDesk.ready()]);
    const wrong = await t.api('POST', '/me/password', { token: mine.accessToken, body: { currentPassword: 'Not-My-Password-1', newPassword: 'Brand-New-Pass-77' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const weak = await t.api('POST', '/me/password', { token: mine.accessToken, body: { currentPassword: user.password, newPassword: 'password1' } });
    expect(weak.body.error.code).toBe('weak_password');
    expect((await t.api('POST', '/me/password', { token: mine.accessToken, body: { currentPassword: user.password } })).status).toBe(400);
    const ok = await t.api('POST', '/me/password', { token: mine.accessToken, body: { currentPassword: user.password, newPassword: 'Brand-New-Pass-77' } });
    expect(ok.status).toBe(204);
    expect(await otherDesk.ended()).toBe('password_changed');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: mine.accessToken })).status).toBe(200);
    expect(myDesk.socket.connected).toBe(true);
    expect((await t.api('POST', '/session', { body: { username: user.username, password: 'Brand-New-Pass-77' } })).status).toBe(200);
  });

  it('with mfaRequired, a user without a second factor may only enrol one; the confirming code cannot sign in again', async () => {
    const token = await admin();
    expect((await t.api('PUT', '/policy', { token, body: { ...DEFAULT_POLICY, mfaRequired: true } })).status).toBe(200);
    try {
      const user = await t.addUser(['trooper']);
      const first = await t.api('POST', '/session', { body: { username: user.username, password: user.password } });
      expect(first.status).toBe(200);
      expect(first.body.mustEnrollOtp).toBe(true);
      const limited = first.body.accessToken as string;
      expect((await t.api('GET', '/me/preferences', { token: limited })).body.error.code).toBe('otp_enrollment_required');
      expect(await t.connect({ token: limited }).refused()).toBe('otp_enrollment_required');
      expect((await t.api('POST', '/me/otp/confirm', { token: limited, body: { otp: '123456' } })).body.error.code).toBe('otp_not_started');
      const enrol = await t.api('POST', '/me/otp', { token: limited });
      expect(enrol.status).toBe(200);
      expect(enrol.body.secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(enrol.body.otpauthUrl).toMatch(new RegExp(`^otpauth://totp/OpenTAS:${user.username}\\?secret=${enrol.body.secret}&`));
      const code = totpNow(enrol.body.secret, clock);
      const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const bad = await t.api('POST', '/me/otp/confirm', { token: limited, body: { otp: wrongCode } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('otp_invalid');
      expect((await t.api('POST', '/me/otp/confirm', { token: limited, body: { otp: code } })).status).toBe(204);
      // The session is no longer limited.
      expect((await t.api('GET', '/me/preferences', { token: limited })).status).toBe(200);
      const body = { username: user.username, password: user.password };
      expect((await t.api('POST', '/session', { body })).body.error.code).toBe('otp_required');
      const reused = await t.api('POST', '/session', { body: { ...body, otp: code } });
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('otp_invalid');
      clock.advance(30_000);
      const next = totpNow(enrol.body.secret, clock);
      const signedIn = await t.api('POST', '/session', { body: { ...body, otp: next } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.mustEnrollOtp).toBeUndefined();
      const again = await t.api('POST', '/session', { body: { ...body, otp: next } });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('otp_invalid');
      const users = (await t.api('GET', '/users', { token: await admin() })).body.items;
      expect(users.find((u: { id: string }) => u.id === user.id).mfa).toBe(true);
    } finally {
      await t.api('PUT', '/policy', { token: await admin(), body: DEFAULT_POLICY });
    }
  });

  it('refuses a TOTP code used once already at sign-in (401 otp_invalid)', async () => {
    const user = await t.addUser(['trooper'], { totp: true });
    const body = { username: user.username, password: user.password, otp: totpNow(user.totpSecret!, clock) };
    expect((await t.api('POST', '/session', { body })).status).toBe(200);
    const reused = await t.api('POST', '/session', { body });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toEqual({ code: 'otp_invalid', message: expect.any(String) });
  });

  it('caps the idle lock at 30 minutes: 31 is 400 invalid_policy, 30 is accepted', async () => {
    const token = await admin();
    const over = await t.api('PUT', '/policy', { token, body: { ...DEFAULT_POLICY, idleLockMinutes: 31 } });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('invalid_policy');
    expect(over.body.issues.map((i: { path: string }) => i.path)).toEqual(['idleLockMinutes']);
    expect((await t.api('PUT', '/policy', { token, body: { ...DEFAULT_POLICY, idleLockMinutes: 30 } })).status).toBe(200);
  });
});

describe('rate limits on sign-in (1.1)', () => {
  let t: TestHub;
  beforeAll(async () => {
    // Small limits and loopback counted, so the test reaches them with a handful of requests.
    t = await startTestHub({ rateLimits: { perAddress: { max: 6, windowMs: 60_000 }, perUsername: { max: 3, windowMs: 60_000 }, exemptLoopback: false } });
  });
  afterAll(async () => t.close());

  it('answers 429 rate_limited with retryAfter past the per-username and the per-address limits', async () => {
    const user = await t.addUser(['trooper']);
    for (let i = 0; i < 3; i++) expect((await t.api('POST', '/session', { body: { username: user.username, password: user.password } })).status).toBe(200);
    const byName = await t.api('POST', '/session', { body: { username: user.username, password: user.password } });
    expect(byName.status).toBe(429);
    expect(byName.body.error).toEqual({ code: 'rate_limited', message: expect.any(String), retryAfter: expect.any(Number) });
    expect(byName.body.error.retryAfter).toBeGreaterThan(0);
    expect(Number(byName.headers.get('retry-after'))).toBe(byName.body.error.retryAfter);
    // Another username from the same address: still under the address limit (4 of 6 used)...
    const other = await t.addUser(['trooper']);
    expect((await t.api('POST', '/session', { body: { username: other.username, password: other.password } })).status).toBe(200);
    expect((await t.api('POST', '/session', { body: { username: 'nobody-1', password: 'Wrong-Password-1' } })).status).toBe(401);
    // ...then past it, whatever the username.
    const byAddress = await t.api('POST', '/session', { body: { username: 'nobody-2', password: 'Wrong-Password-1' } });
    expect(byAddress.status).toBe(429);
    expect(byAddress.body.error.code).toBe('rate_limited');
    // Ingest is never rate limited.
    for (let i = 0; i < 10; i++) expect((await t.postHit({ ...(await import('../support/hits.js')).makeHit() })).status).toBe(202);
  });
});
