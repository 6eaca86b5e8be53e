/**
 * Issue 9, the client's side of sessions: a restricted sign-in is not a session, a session the
 * hub ends returns to sign-in with its reason, the console lock outlives a restart, and quitting
 * while locked needs the password.
 */
import { describe, expect, it } from 'vitest';
import { LOCK_STATE_ACCOUNT, Session } from '../../../src/main/services/session.js';
import { QuitGate } from '../../../src/main/services/quit-gate.js';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import { FakeSessionApi } from '../../fakes/fake-session-api.js';
import { FakeVault } from '../../fakes/fake-vault.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { waitFor } from '../../support/wait.js';

function setup(vault = new FakeVault(), clock = new ManualClock(), api = new FakeSessionApi()) {
  const session = new Session(() => api, vault, clock, new ManualIdleSource(clock), new RecordingLogger());
  return { clock, api, vault, session };
}

class RecordingExit {
  quits = 0;
  quit(): void {
    this.quits++;
  }
}

describe('Session (1.1 accounts)', () => {
  it('holds a sign-in with a temporary password as a setup step, not a session', async () => {
    const { session, api, vault } = setup();
    api.restrict = 'password';
    const result = await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(result).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    expect(session.view()).toEqual({ signedIn: false, locked: false, step: 'change_password' });
    expect(session.restrictedSignIn()).toMatchObject({ username: 'trooper1', password: 'pw', token: 'access-1' });
    expect(await session.token()).toBeNull();
    expect(vault.secrets.size).toBe(0);

    api.restrict = 'otp';
    await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(session.view().step).toBe('enroll_otp');
    session.awaitNextOtp();
    expect(session.view().step).toBe('next_otp');
    session.cancelSetup();
    expect(session.view()).toEqual({ signedIn: false, locked: false });
    expect(session.restrictedSignIn()).toBeNull();

    api.restrict = null;
    expect((await session.signIn({ username: 'trooper1', password: 'pw' })).ok).toBe(true);
    expect(session.view().step).toBeUndefined();
  });

  it('ends a session the hub ended, with the reason, until the next sign-in', async () => {
    const { session, vault } = setup();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    await session.end('disabled');
    expect(session.view()).toEqual({ signedIn: false, locked: false, ended: 'disabled' });
    expect(vault.secrets.size).toBe(0);
    expect(await session.token()).toBeNull();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(session.view().ended).toBeUndefined();
    await session.signOut();
    expect(session.view().ended).toBeUndefined();
  });

  it('says why when the hub refuses the refresh token, and tells listeners of each refreshed token', async () => {
    const { session, api } = setup();
    const seen: string[] = [];
    session.onTokenRefreshed((token) => seen.push(token));
    await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(await session.refreshNow()).toBe(true);
    expect(seen).toEqual(['access-2']);
    api.validRefresh.clear();
    expect(await session.refreshNow()).toBe(false);
    expect(session.view()).toMatchObject({ signedIn: false, ended: 'refused' });
  });

  it('starts locked after a restart when it was locked', async () => {
    const first = setup();
    await first.session.signIn({ username: 'trooper1', password: 'pw' });
    first.session.lock('test');
    await waitFor(() => JSON.parse(first.vault.secrets.get(LOCK_STATE_ACCOUNT) ?? '{}').locked === true, 'the lock kept');
    first.session.dispose();
    const again = setup(first.vault, new ManualClock(), first.api);
    expect(await again.session.restore()).toBe(true);
    expect(again.session.view()).toMatchObject({ signedIn: true, locked: true });
    expect((await again.session.unlock('wrong')).ok).toBe(false);
    expect(again.session.view().locked).toBe(true);
    expect((await again.session.unlock('pw')).ok).toBe(true);
    expect(again.session.view().locked).toBe(false);
  });

  it('starts locked after a restart when the idle limit passed while it was not running, unlocked before', async () => {
    const first = setup();
    first.session.setIdleLockMinutes(5);
    await first.session.signIn({ username: 'trooper1', password: 'pw' });
    first.clock.advance(60_000);
    first.session.touch();
    await first.session.persistLock();
    first.session.dispose();

    const soon = setup(first.vault, new ManualClock(first.clock.now() + 4 * 60_000), first.api);
    await soon.session.restore();
    expect(soon.session.view().locked).toBe(false);
    soon.session.dispose();

    const late = setup(first.vault, new ManualClock(first.clock.now() + 5 * 60_000), first.api);
    await late.session.restore();
    expect(late.session.view().locked).toBe(true);
  });

  it('starts locked when no lock state was kept (a session stored by an older version)', async () => {
    const first = setup();
    await first.session.signIn({ username: 'trooper1', password: 'pw' });
    first.session.dispose();
    await first.vault.delete(LOCK_STATE_ACCOUNT);
    const again = setup(first.vault, new ManualClock(), first.api);
    await again.session.restore();
    expect(again.session.view().locked).toBe(true);
  });
});

describe('QuitGate', () => {
  it('quits at once when unlocked or signed out; while locked only after the hub accepts the password', async () => {
    const { session } = setup();
    const exit = new RecordingExit();
    let changes = 0;
    const gate = new QuitGate(session, exit, () => changes++);

    expect(gate.request()).toBe('quitting');
    expect(exit.quits).toBe(1);
    await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(gate.request()).toBe('quitting');
    expect(exit.quits).toBe(2);

    session.lock('test');
    expect(await gate.confirm('pw')).toMatchObject({ ok: false, error: { code: 'not_asked' } });
    expect(gate.request()).toBe('password_needed');
    expect(gate.asked()).toBe(true);
    expect(changes).toBe(1);
    expect(exit.quits).toBe(2);

    expect(await gate.confirm('wrong')).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(exit.quits).toBe(2);
    expect(session.view().locked).toBe(true);
    gate.cancel();
    expect(gate.asked()).toBe(false);
    expect(await gate.confirm('pw')).toMatchObject({ ok: false, error: { code: 'not_asked' } });

    gate.request();
    expect(await gate.confirm('pw')).toEqual({ ok: true });
    expect(exit.quits).toBe(3);
    expect(gate.asked()).toBe(false);
  });
});
