/**
 * Two troopers on one desk (one OS account, one data folder, one vault), against a real hub: each
 * sees only the alerts their own desk received, each inbox is sealed with its user's own key, and
 * the inbox of one does not open with the key of the other (docs/adr/0017).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/adapters/system-clock.js';
import { Inbox } from '../../src/main/services/inbox.js';
import { unsealLine } from '../../src/main/services/sealed-log.js';
import { LEGACY_SEALING_KEY_ACCOUNT, userKeyAccount } from '../../src/main/services/sealing-key.js';
import { userDataDir } from '../../src/main/services/user-desk.js';
import { FakeVault } from '../fakes/fake-vault.js';
import { makeHit } from '../support/hits.js';
import { RecordingLogger } from '../fakes/recording-logger.js';
import { listEveryAlert, PASSWORD, signInConnected, startTestClient, startTestHub, stopTestClient, tempDir, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';

async function token(hub: TestHub, username: string): Promise<string> {
  const res = await fetch(`${hub.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function ids(client: TestClient): Promise<string[]> {
  return ((await listEveryAlert(client)) ?? []).map((a) => a.alert.id).sort();
}

async function userId(client: TestClient): Promise<string> {
  return (await client.app.handlers['session:state'](undefined)).user!.id;
}

describe('client: one sealing key per user', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('keeps two troopers on one desk apart: own alerts after sign-in, own key, the file of A unreadable with the key of B', async () => {
    const hub = await startTestHub(['trooper1', 'trooper2']);
    cleanup.push(() => hub.close());
    // trooper2 does not take registration hits (not a mandatory category): the hub never sends them one.
    const res = await fetch(`${hub.hub.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(hub, 'trooper2')}` },
      body: JSON.stringify({ categories: ['felony', 'stolen', 'amber', 'silver'] }),
    });
    expect(res.status).toBe(200);
    const desk = await startTestClient(hub.hub.url);
    cleanup.push(() => stopTestClient(desk));

    await signInConnected(desk, 'trooper1');
    const a = await userId(desk);
    const forA = await hub.post(makeHit({ category: 'registration' }));
    await waitFor(async () => (await ids(desk)).includes(forA.id), 'the registration hit on the desk of trooper1');
    expect(await desk.app.handlers['session:signOut'](undefined)).toMatchObject({ ok: true });

    await signInConnected(desk, 'trooper2');
    const b = await userId(desk);
    const forBoth = await hub.post(makeHit({ category: 'stolen' }));
    await waitFor(async () => (await ids(desk)).includes(forBoth.id), 'the stolen hit on the desk of trooper2');
    expect(await ids(desk)).toEqual([forBoth.id]);
    expect(await desk.app.handlers['session:signOut'](undefined)).toMatchObject({ ok: true });

    // Two keys in the one vault, no shared one.
    const keyA = Buffer.from(desk.vault.secrets.get(userKeyAccount(a)) ?? '', 'base64');
    const keyB = Buffer.from(desk.vault.secrets.get(userKeyAccount(b)) ?? '', 'base64');
    expect(keyA).toHaveLength(32);
    expect(keyB).toHaveLength(32);
    expect(keyA.equals(keyB)).toBe(false);
    expect(desk.vault.secrets.has(LEGACY_SEALING_KEY_ACCOUNT)).toBe(false);
    const linesA = (await readFile(join(userDataDir(desk.dataDir, a), 'inbox.log'), 'utf8')).split('\n').filter(Boolean);
    expect(linesA.length).toBeGreaterThan(0);
    for (const line of linesA) {
      expect(unsealLine(keyA, 'inbox', line)).not.toBeNull();
      expect(unsealLine(keyB, 'inbox', line)).toBeNull();
    }

    // trooper1 again: their own alert is still there (and the later one, replayed by the hub).
    await signInConnected(desk, 'trooper1');
    await waitFor(async () => (await ids(desk)).includes(forBoth.id), 'the replayed hit');
    expect(await ids(desk)).toEqual([forA.id, forBoth.id].sort());
  });

  it('keeps a trooper\'s alerts sealed with the shared key of an earlier version: re-sealed with their own key at sign-in', async () => {
    const hub = await startTestHub(['trooper1']);
    cleanup.push(() => hub.close());
    const res = await fetch(`${hub.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'trooper1', password: PASSWORD }) });
    const id = ((await res.json()) as { user: { id: string } }).user.id;

    // The desk as an earlier version left it: one shared key in the vault, the trooper's inbox sealed with it.
    const dataDir = await tempDir();
    const vault = new FakeVault();
    const shared = randomBytes(32);
    await vault.set(LEGACY_SEALING_KEY_ACCOUNT, shared.toString('base64'));
    const old = makeHit({ category: 'stolen' });
    const inbox = new Inbox(join(userDataDir(dataDir, id), 'inbox.log'), shared, systemClock, new RecordingLogger());
    await inbox.open();
    await inbox.store({ seq: 1, alert: { id: old.id, hit: old, ingestedAt: old.readAt } });
    await inbox.close();

    const desk = await startTestClient(hub.hub.url, { dataDir, vault });
    cleanup.push(() => stopTestClient(desk));
    await signInConnected(desk, 'trooper1');
    expect(await ids(desk)).toEqual([old.id]);
    expect(vault.secrets.has(LEGACY_SEALING_KEY_ACCOUNT)).toBe(false);
    const own = Buffer.from(vault.secrets.get(userKeyAccount(id)) ?? '', 'base64');
    for (const line of (await readFile(join(userDataDir(dataDir, id), 'inbox.log'), 'utf8')).split('\n').filter(Boolean)) {
      expect(unsealLine(own, 'inbox', line)).not.toBeNull();
      expect(unsealLine(shared, 'inbox', line)).toBeNull();
    }
    expect(desk.logger.lines.some((l) => l.message.includes('re-sealed this user'))).toBe(true);
  });
});
