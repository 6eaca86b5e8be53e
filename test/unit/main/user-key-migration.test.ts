/**
 * Per-user sealing keys (docs/adr/0017): each user's files under their own key, and the data of the
 * one shared key of earlier versions moved to its owner's key at their first sign-in, losing nothing.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/main/services/inbox.js';
import { unsealLine } from '../../../src/main/services/sealed-log.js';
import { LEGACY_SEALING_KEY_ACCOUNT, userKeyAccount } from '../../../src/main/services/sealing-key.js';
import { userFolder } from '../../../src/main/services/user-desk.js';
import { openUserKey } from '../../../src/main/services/user-key-migration.js';
import type { AlertEnvelope } from '../../../src/shared/protocol/index.js';
import { FakeVault } from '../../fakes/fake-vault.js';
import { makeHit } from '../../support/hits.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

function envelope(seq: number): AlertEnvelope {
  const hit = makeHit();
  return { seq, alert: { id: hit.id, hit, ingestedAt: hit.readAt } };
}

describe('per-user sealing keys', () => {
  let users: string;
  const clock = new ManualClock();
  const logger = new RecordingLogger();

  beforeEach(async () => {
    users = await tempDir();
  });
  afterEach(() => removeDir(users));

  const inboxOf = (userId: string) => join(users, userFolder(userId), 'inbox.log');

  async function write(userId: string, key: Buffer, ...seqs: number[]): Promise<string[]> {
    const inbox = new Inbox(inboxOf(userId), key, clock, logger);
    await inbox.open();
    const ids: string[] = [];
    for (const seq of seqs) {
      const e = envelope(seq);
      await inbox.store(e);
      ids.push(e.alert.id);
    }
    await inbox.close();
    return ids;
  }

  async function read(userId: string, key: Buffer): Promise<string[]> {
    const inbox = new Inbox(inboxOf(userId), key, clock, new RecordingLogger());
    await inbox.open();
    const ids = inbox.list().map((a) => a.alert.id);
    await inbox.close();
    return ids.sort();
  }

  async function lines(userId: string): Promise<string[]> {
    return (await readFile(inboxOf(userId), 'utf8')).split('\n').filter((l) => l.length > 0);
  }

  it('gives two users on one desk two keys: the file of A does not open with the key of B', async () => {
    const vault = new FakeVault();
    const keyA = await openUserKey(vault, users, userFolder('user-a'), 'user-a', logger);
    const keyB = await openUserKey(vault, users, userFolder('user-b'), 'user-b', logger);
    expect(keyA.equals(keyB)).toBe(false);
    expect([...vault.secrets.keys()].sort()).toEqual([userKeyAccount('user-a'), userKeyAccount('user-b')]);
    // Signing in again finds the same key.
    expect((await openUserKey(vault, users, userFolder('user-a'), 'user-a', logger)).equals(keyA)).toBe(true);

    const idsA = await write('user-a', keyA, 1, 2);
    for (const line of await lines('user-a')) {
      expect(unsealLine(keyA, 'inbox', line)).not.toBeNull();
      expect(unsealLine(keyB, 'inbox', line)).toBeNull();
    }
    expect(await read('user-a', keyA)).toEqual([...idsA].sort());
  });

  it('moves data sealed with the shared key to its owner at their first sign-in, and drops the shared key when no folder needs it', async () => {
    const vault = new FakeVault();
    const shared = randomBytes(32);
    await vault.set(LEGACY_SEALING_KEY_ACCOUNT, shared.toString('base64'));
    const idsA = await write('user-a', shared, 1, 2, 3);
    const idsB = await write('user-b', shared, 4);
    const before = await lines('user-b');

    const keyA = await openUserKey(vault, users, userFolder('user-a'), 'user-a', logger);
    expect(await read('user-a', keyA)).toEqual([...idsA].sort());
    for (const line of await lines('user-a')) expect(unsealLine(shared, 'inbox', line)).toBeNull();
    // B has not signed in yet: B's file is untouched and the shared key is still there for it.
    expect(await lines('user-b')).toEqual(before);
    expect(vault.secrets.has(LEGACY_SEALING_KEY_ACCOUNT)).toBe(true);
    // Repeating (a crash after the re-seal, before the mark) changes nothing.
    expect((await openUserKey(vault, users, userFolder('user-a'), 'user-a', logger)).equals(keyA)).toBe(true);
    expect(await read('user-a', keyA)).toEqual([...idsA].sort());

    const keyB = await openUserKey(vault, users, userFolder('user-b'), 'user-b', logger);
    expect(await read('user-b', keyB)).toEqual([...idsB].sort());
    expect(await read('user-b', keyA)).toEqual([]);
    expect(vault.secrets.has(LEGACY_SEALING_KEY_ACCOUNT)).toBe(false);
    expect(logger.lines.some((l) => l.message.includes('deleted the shared key'))).toBe(true);
  });

  it('re-seals a half-migrated file line by line (a crash between two files or two runs)', async () => {
    const vault = new FakeVault();
    const shared = randomBytes(32);
    await vault.set(LEGACY_SEALING_KEY_ACCOUNT, shared.toString('base64'));
    // The user's key exists already and some lines are sealed with it, others still with the shared key.
    const keyA = randomBytes(32);
    await vault.set(userKeyAccount('user-a'), keyA.toString('base64'));
    const old = await write('user-a', shared, 1, 2);
    // Lines already under the user's key, written elsewhere and appended by hand (opening A's file
    // with A's key would move the shared-key lines aside).
    const fresh = await write('scratch', keyA, 3);
    await appendFile(inboxOf('user-a'), (await lines('scratch')).join('\n') + '\n');

    await openUserKey(vault, users, userFolder('user-a'), 'user-a', logger);
    expect(await read('user-a', keyA)).toEqual([...old, ...fresh].sort());
  });
});
