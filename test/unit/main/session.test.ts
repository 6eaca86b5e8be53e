import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/main/services/session.js';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import { FakeSessionApi } from '../../fakes/fake-session-api.js';
import { FakeVault } from '../../fakes/fake-vault.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { waitFor } from '../../support/wait.js';

function setup() {
  const clock = new ManualClock();
  const api = new FakeSessionApi();
  const vault = new FakeVault();
  const idle = new ManualIdleSource(clock);
  const session = new Session(() => api, vault, clock, idle, new RecordingLogger());
  return { clock, api, vault, idle, session };
}

describe('Session', () => {
  it('signs in, keeps the tokens in the vault, and refuses a wrong password with the hub code', async () => {
    const { session, vault } = setup();
    expect(await session.signIn({ username: 'trooper1', password: 'nope' })).toEqual({
      ok: false,
      error: { code: 'bad_credentials', message: 'Wrong user name or password.' },
    });
    const ok = await session.signIn({ username: 'trooper1', password: 'pw' });
    expect(ok.ok).toBe(true);
    expect(vault.secrets.get('refresh-token')).toBe('refresh-1');
    expect(await session.token()).toBe('access-1');
    expect(session.view()).toMatchObject({ signedIn: true, locked: false });
  });

  it('refreshes before the token expires', async () => {
    const { session, api, clock } = setup();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    clock.advance(api.expiresIn * 800);
    await waitFor(() => api.refreshes === 1, 'a refresh');
    await waitFor(async () => (await session.token()) === 'access-2', 'the new token');
  });

  it('refreshes on demand (token_expired) once even when asked twice at once', async () => {
    const { session, api } = setup();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    const [a, b] = await Promise.all([session.refreshNow(), session.refreshNow()]);
    expect([a, b]).toEqual([true, true]);
    expect(api.refreshes).toBe(1);
  });

  it('signs out when the hub refuses the refresh token, and clears the vault', async () => {
    const { session, api, vault } = setup();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    api.validRefresh.clear();
    expect(await session.refreshNow()).toBe(false);
    expect(session.view().signedIn).toBe(false);
    expect(vault.secrets.size).toBe(0);
  });

  it('keeps the session while the hub is unreachable', async () => {
    const { session, api } = setup();
    await session.signIn({ username: 'trooper1', password: 'pw' });
    api.unreachable = true;
    expect(await session.refreshNow()).toBe(false);
    expect(session.view().signedIn).toBe(true);
  });

  it('restores a stored session after a restart, offline, and refreshes before first use', async () => {
    const first = setup();
    await first.session.signIn({ username: 'trooper1', password: 'pw' });
    const clock = new ManualClock();
    const restarted = new Session(() => first.api, first.vault, clock, new ManualIdleSource(clock), new RecordingLogger());
    expect(await restarted.restore()).toBe(true);
    expect(restarted.view()).toMatchObject({ signedIn: true, user: { username: 'trooper1' } });
    expect(await restarted.token()).toBe('access-2');
  });

  it('locks after the idle minutes of the policy and unlocks only with the right password', async () => {
    const { session, clock } = setup();
    session.setIdleLockMinutes(1);
    await session.signIn({ username: 'trooper1', password: 'pw' });
    clock.advance(45_000);
    expect(session.view().locked).toBe(false);
    clock.advance(30_000);
    expect(session.view().locked).toBe(true);
    expect((await session.unlock('wrong')).ok).toBe(false);
    expect(session.view().locked).toBe(true);
    expect((await session.unlock('pw')).ok).toBe(true);
    expect(session.view().locked).toBe(false);
  });

  it('does not lock while the user is active, and locks at once when the OS goes idle', async () => {
    const { session, clock, idle } = setup();
    session.setIdleLockMinutes(1);
    await session.signIn({ username: 'trooper1', password: 'pw' });
    for (let i = 0; i < 10; i++) {
      clock.advance(30_000);
      idle.touch();
      session.touch();
    }
    expect(session.view().locked).toBe(false);
    idle.goIdle();
    expect(session.view().locked).toBe(true);
  });
});
