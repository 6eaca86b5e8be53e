/**
 * Issue 9, the client's side against a real hub: a disabled user's desk is signed out with the
 * reason and forgets its tokens; a socket whose access token expired on the hub (`session_ended`
 * `expired`) reconnects without signing out; a refreshed token is sent as `reauth` and keeps the
 * socket past the old token's expiry; a console locked before a restart starts locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientApp } from '../../src/main/client-app.js';
import { createHeadlessClient } from '../../src/main/headless-client.js';
import { makeHit } from '../support/hits.js';
import { FakeSettingsStore } from '../fakes/fake-settings-store.js';
import { FakeVault } from '../fakes/fake-vault.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { RecordingLogger } from '../fakes/recording-logger.js';
import { PASSWORD, removeDir, signInConnected, startTestClient, startTestHub, stopTestClient, tempDir, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';
import { HubTestClock } from '../support/hub-clock.js';

const ADMIN = { username: 'admin1', password: 'Admin-Password-2026-x' };

async function adminToken(hub: TestHub): Promise<string> {
  const res = await fetch(`${hub.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function state(client: { app: ClientApp }) {
  return client.app.handlers['session:state'](undefined);
}

const connects = (logger: RecordingLogger): number => logger.lines.filter((l) => l.message === 'link: connected').length;

describe('client: sessions the hub ends', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function hubWithAdmin(clock?: HubTestClock): Promise<TestHub> {
    const hub = await startTestHub(['trooper1'], clock ? { clock } : {});
    cleanup.push(() => hub.close());
    await hub.hub.admin.addUser({ ...ADMIN, roles: ['admin'], unit: null });
    return hub;
  }

  async function client(hub: TestHub): Promise<TestClient> {
    const c = await startTestClient(hub.hub.url);
    cleanup.push(() => stopTestClient(c));
    await signInConnected(c);
    return c;
  }

  it('signs a disabled user out with the reason and forgets the tokens', async () => {
    const hub = await hubWithAdmin();
    const desk = await client(hub);
    const trooper = (await state(desk)).user!;
    const started = Date.now();
    const res = await fetch(`${hub.hub.url}/api/v1/users/${trooper.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(hub)}` },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    await waitFor(async () => (await state(desk)).ended === 'disabled', 'the desk to be signed out', 10_000);
    console.log(`disabled -> desk signed out in ${Date.now() - started} ms`);
    expect(await state(desk)).toMatchObject({ signedIn: false, locked: false, ended: 'disabled' });
    expect(desk.vault.secrets.has('refresh-token')).toBe(false);
    expect(desk.vault.secrets.has('access-token')).toBe(false);
    await waitFor(async () => (await desk.app.handlers['link:presence'](undefined)).state === 'signed_out', 'the link closed');
    expect(desk.events.some((e) => e.channel === 'session:state' && (e.payload as { ended?: string }).ended === 'disabled')).toBe(true);
  });

  it('reconnects, still signed in, when the hub ends a socket whose token expired; a reauthed socket stays', async () => {
    const hubClock = new HubTestClock();
    const hub = await hubWithAdmin(hubClock);
    // The control desk never refreshes in time (real clock): its socket is the one that expires.
    const control = await client(hub);

    // This desk's clock is moved by hand, so its refresh (at 80% of 15 minutes) happens when told.
    const clock = new ManualClock(Date.now());
    const logger = new RecordingLogger();
    const dataDir = await tempDir();
    const { app } = createHeadlessClient({
      vault: new FakeVault(),
      settings: new FakeSettingsStore(),
      clock,
      logger,
      dataDir,
      hubUrl: hub.hub.url,
      link: { backoffMinMs: 50, backoffMaxMs: 500, heartbeatIntervalMs: 24 * 3_600_000, heartbeatTimeoutMs: 48 * 3_600_000 },
    });
    cleanup.push(async () => {
      await app.stop();
      await removeDir(dataDir);
    });
    await app.start();
    await signInConnected({ app } as TestClient);
    expect(connects(logger)).toBe(1);

    hubClock.advance(10 * 60_000);
    clock.advance(12 * 60_000 + 1_000); // the desk refreshes and sends reauth with the new token
    await waitFor(() => logger.lines.some((l) => l.message === 'link: re-authenticated with a refreshed token'), 'reauth accepted');

    hubClock.advance(6 * 60_000); // the first tokens have expired on the hub; the reauthed one has not
    await waitFor(() => control.logger.lines.some((l) => l.message === 'link: the hub ended the session' && l.fields?.reason === 'expired'), 'the control socket ended');
    await waitFor(() => connects(control.logger) >= 2, 'the control desk back on');
    expect((await state(control)).signedIn).toBe(true);

    const hit = makeHit();
    await hub.post(hit);
    await waitFor(async () => {
      const list = await app.handlers['alerts:list'](undefined);
      return list.items.some((i) => 'alert' in i && i.alert.id === hit.id);
    }, 'the alert on the reauthed desk');
    expect(connects(logger)).toBe(1);
    expect(logger.lines.some((l) => l.message === 'link: the hub ended the session')).toBe(false);
  });

  it('starts locked after a restart when it was locked, and unlocks with the password', async () => {
    const hub = await startTestHub(['trooper1']);
    cleanup.push(() => hub.close());
    const first = await startTestClient(hub.hub.url);
    await signInConnected(first);
    first.idle.goIdle();
    expect((await state(first)).locked).toBe(true);
    await first.stop();

    const again = await startTestClient(hub.hub.url, { dataDir: first.dataDir, vault: first.vault });
    cleanup.push(() => stopTestClient(again));
    expect(await state(again)).toMatchObject({ signedIn: true, locked: true });
    expect((await again.app.handlers['alerts:list'](undefined)).locked).toBe(true);
    expect((await again.app.handlers['session:unlock']({ password: 'wrong password here' })).ok).toBe(false);
    expect((await state(again)).locked).toBe(true);
    expect((await again.app.handlers['session:unlock']({ password: PASSWORD })).ok).toBe(true);
    expect((await state(again)).locked).toBe(false);
  });
});
