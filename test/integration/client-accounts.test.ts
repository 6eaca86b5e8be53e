/**
 * Issue 9, the client's account channels against a real hub, through the IPC handlers the
 * renderer calls: the first sign-in steps (one-use password, required TOTP enrolment, the next
 * code), steps asked out of turn, and the admin channels (the hub's 403 for a trooper in words).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { signInConnected, startTestClient, startTestHub, stopTestClient, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';

const ADMIN = { username: 'admin1', password: 'Admin-Password-2026-x' };

describe('client: account channels', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setup(): Promise<{ hub: TestHub; client: TestClient; admin: TestClient; trooperId: string }> {
    const hub = await startTestHub(['trooper1']);
    cleanup.push(() => hub.close());
    await hub.hub.admin.addUser({ ...ADMIN, roles: ['admin'], unit: null });
    const admin = await startTestClient(hub.hub.url);
    cleanup.push(() => stopTestClient(admin));
    await signInConnected(admin, ADMIN.username, ADMIN.password);
    const users = await admin.app.handlers['admin:users'](undefined);
    if (!users.ok) throw new Error(JSON.stringify(users));
    const trooperId = users.value.find((u) => u.username === 'trooper1')!.id;
    const client = await startTestClient(hub.hub.url);
    cleanup.push(() => stopTestClient(client));
    return { hub, client, admin, trooperId };
  }

  it('walks a one-use password and a required second factor to a signed-in desk', async () => {
    const { client, admin, trooperId } = await setup();
    const reset = await admin.app.handlers['admin:resetPassword']({ id: trooperId });
    if (!reset.ok) throw new Error(JSON.stringify(reset));
    // Last admin step: from now on the hub limits every account without a second factor (the admin too).
    const policy = await admin.app.handlers['admin:policy'](undefined);
    if (!policy.ok) throw new Error(JSON.stringify(policy));
    expect((await admin.app.handlers['admin:setPolicy']({ ...policy.value, mfaRequired: true })).ok).toBe(true);
    const h = client.app.handlers;

    // Out of turn: nothing is waiting.
    expect(await h['account:changePassword']({ newPassword: 'Whatever-Password-99' })).toMatchObject({ ok: false, error: { code: 'no_setup_step' } });

    expect(await h['session:signIn']({ username: 'trooper1', password: reset.value.temporaryPassword })).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    expect(await h['session:state'](undefined)).toMatchObject({ signedIn: false, step: 'change_password' });
    expect(client.vault.secrets.has('refresh-token')).toBe(false);
    expect(await h['account:startOtp'](undefined)).toMatchObject({ ok: false, error: { code: 'no_setup_step' } });

    const newPassword = 'Winter-Patrol-Lake-Shore-7';
    expect(await h['account:changePassword']({ newPassword })).toMatchObject({ ok: false, error: { code: 'otp_enrollment_required' } });
    expect((await h['session:state'](undefined)).step).toBe('enroll_otp');

    const started = await h['account:startOtp'](undefined);
    if (!started.ok) throw new Error(JSON.stringify(started));
    expect(started.setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.setup.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg');
    expect(started.setup.otpauthUrl).toContain(started.setup.secret);
    const secret = started.setup.secret;

    const wrong = authenticator.generate(secret) === '123456' ? '654321' : '123456';
    expect(await h['account:confirmOtp']({ otp: wrong })).toMatchObject({ ok: false, error: { code: 'otp_invalid' } });
    expect(await h['account:confirmOtp']({ otp: authenticator.generate(secret) })).toEqual({ ok: true });
    expect((await h['session:state'](undefined)).step).toBe('next_otp');

    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    expect(await h['account:finishSignIn']({ otp: next })).toMatchObject({ ok: true, user: { username: 'trooper1' } });
    expect(await h['session:state'](undefined)).toMatchObject({ signedIn: true, locked: false });
    expect((await h['session:state'](undefined)).step).toBeUndefined();
    await waitFor(async () => (await h['link:presence'](undefined)).state === 'connected', 'the desk connected');
  });

  it('goes back to the sign-in form from a step, and gives a trooper the hub refusal of admin channels in words', async () => {
    const { hub, client, trooperId, admin } = await setup();
    const reset = await admin.app.handlers['admin:resetPassword']({ id: trooperId });
    if (!reset.ok) throw new Error(JSON.stringify(reset));
    const h = client.app.handlers;
    await h['session:signIn']({ username: 'trooper1', password: reset.value.temporaryPassword });
    expect((await h['session:state'](undefined)).step).toBe('change_password');
    expect(await h['account:cancelSetup'](undefined)).toEqual({ ok: true });
    expect((await h['session:state'](undefined)).step).toBeUndefined();
    expect(await h['account:changePassword']({ newPassword: 'Winter-Patrol-Lake-Shore-7' })).toMatchObject({ ok: false, error: { code: 'no_setup_step' } });

    const other = await startTestClient(hub.hub.url);
    cleanup.push(() => stopTestClient(other));
    await hub.hub.admin.addUser({ username: 'trooper2', password: 'Trooper-Two-Password-1', roles: ['trooper'], unit: 'Troop 3' });
    await signInConnected(other, 'trooper2', 'Trooper-Two-Password-1');
    const refused = await other.app.handlers['admin:users'](undefined);
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });
    expect(refused.ok || refused.error.message.startsWith('Not allowed')).toBe(true);
    expect(await other.app.handlers['admin:createKey']({ name: 'sneaky' })).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('lists, creates and revokes ingest keys and reads the policy history as the admin', async () => {
    const { admin } = await setup();
    const h = admin.app.handlers;
    const created = await h['admin:createKey']({ name: 'Flock feed' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.value.key.length).toBeGreaterThan(16);
    const keys = await h['admin:keys'](undefined);
    expect(keys.ok && keys.value.map((k) => k.name)).toContain('Flock feed');
    expect(keys.ok && JSON.stringify(keys.value)).not.toContain(created.value.key);
    expect(await h['admin:revokeKey']({ id: created.value.id })).toEqual({ ok: true, value: true });

    const policy = await h['admin:policy'](undefined);
    if (!policy.ok) throw new Error(JSON.stringify(policy));
    expect((await h['admin:setPolicy']({ ...policy.value, idleLockMinutes: 12 })).ok).toBe(true);
    const history = await h['admin:policyHistory'](undefined);
    if (!history.ok) throw new Error(JSON.stringify(history));
    expect(history.value[0]).toMatchObject({ username: ADMIN.username, before: { idleLockMinutes: 30 }, after: { idleLockMinutes: 12 } });
  });
});
