/**
 * Corrupt inbox and outbox files: the client starts, keeps what is readable, moves the files
 * aside, says so in the log, recovers the unreadable alerts from the hub's replay, and goes on.
 */
import { readdir, readFile, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { PASSWORD, startTestClient, startTestHub, stopTestClient, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';
import { userFolder } from '../../src/main/services/user-desk.js';

describe('client with corrupt local files', () => {
  let hub: TestHub;
  let client: TestClient;

  beforeEach(async () => {
    hub = await startTestHub();
    client = await startTestClient(hub.hub.url);
  });

  afterEach(async () => {
    await stopTestClient(client);
    await hub.close();
  });

  it('keeps the readable records, moves the rest aside, logs it, and recovers alerts from the hub', async () => {
    const signIn = await client.app.handlers['session:signIn']({ username: 'trooper1', password: PASSWORD });
    if (!signIn.ok) throw new Error('sign-in failed');
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'connected');
    const hits = [makeHit(), makeHit(), makeHit()];
    for (const hit of hits) await hub.post(hit);
    await waitFor(async () => (await client.app.handlers['alerts:list'](undefined)).items.length === 3, 'three alerts');
    await client.stop();

    const dir = join(client.dataDir, 'users', userFolder(signIn.user.id));
    const inbox = join(dir, 'inbox.log');
    const lines = (await readFile(inbox, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 40) + '!!!!' + lines[1]!.slice(44); // the second alert's record
    await writeFile(inbox, lines.join('\n'));
    await appendFile(join(dir, 'outbox.log'), 'garbage that is not a sealed record\nv1.AAAA\n');

    const restarted = await startTestClient(hub.hub.url, { dataDir: client.dataDir, vault: client.vault });
    try {
      expect((await restarted.app.handlers['session:state'](undefined)).signedIn).toBe(true);
      expect(restarted.logger.has('error', /inbox: kept 2 readable records, moved the file with 1 unreadable/)).toBe(true);
      expect(restarted.logger.has('error', /outbox: kept 0 readable records, moved the file with 2 unreadable/)).toBe(true);
      const files = await readdir(dir);
      expect(files.some((f) => f.startsWith('inbox.log.corrupt-'))).toBe(true);
      expect(files.some((f) => f.startsWith('outbox.log.corrupt-'))).toBe(true);

      // The lost alert comes back from the hub's replay, once; the link goes on.
      await waitFor(async () => (await restarted.app.handlers['alerts:list'](undefined)).items.length === 3, 'the lost alert to be recovered');
      const later = makeHit();
      await hub.post(later);
      await waitFor(async () => (await restarted.app.handlers['alerts:list'](undefined)).items.length === 4, 'a new alert');
      const shown = restarted.events.filter((e) => e.channel === 'alerts:alert');
      expect(shown).toHaveLength(2); // the recovered one and the new one
    } finally {
      await restarted.stop();
    }
  });
});

describe('client whose data folder cannot be written', () => {
  it('refuses the sign-in with a clear error instead of running a desk that cannot store alerts', async () => {
    const hub = await startTestHub();
    const client = await startTestClient(hub.hub.url);
    try {
      // A file where the users' folder should be: the inbox cannot be created.
      await writeFile(join(client.dataDir, 'users'), 'not a folder');
      const answer = await client.app.handlers['session:signIn']({ username: 'trooper1', password: PASSWORD });
      expect(answer).toMatchObject({ ok: false, error: { code: 'local_store_unavailable' } });
      expect((await client.app.handlers['session:state'](undefined)).signedIn).toBe(false);
      expect(client.logger.has('error', /could not open its local store/)).toBe(true);
    } finally {
      await stopTestClient(client);
      await hub.close();
    }
  });
});
