/** deleteLocalData: the whole folder and the key, or (unsent acknowledgements) all but the outbox and its key. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteLocalData } from '../../../src/main/services/local-data.js';
import { userKeyAccount } from '../../../src/main/services/sealing-key.js';
import { userDataDir } from '../../../src/main/services/user-desk.js';
import { FakeVault } from '../../fakes/fake-vault.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

describe('deleteLocalData', () => {
  let dataDir: string;
  let vault: FakeVault;
  const logger = new RecordingLogger();

  beforeEach(async () => {
    dataDir = await tempDir();
    vault = new FakeVault();
    for (const user of ['a', 'b']) {
      const dir = userDataDir(dataDir, user);
      await mkdir(dir, { recursive: true });
      for (const file of ['inbox.log', 'inbox.log.corrupt-2026', 'outbox.log', 'user-key']) await writeFile(join(dir, file), 'x');
      await vault.set(userKeyAccount(user), 'k');
    }
  });
  afterEach(() => removeDir(dataDir));

  it('removes only that user\'s folder and key', async () => {
    await deleteLocalData({ dataDir, vault, logger }, 'a', { keepOutbox: false, why: 'test' });
    expect(await readdir(join(dataDir, 'users'))).toEqual([userDataDir(dataDir, 'b').split('/').pop()]);
    expect([...vault.secrets.keys()]).toEqual([userKeyAccount('b')]);
  });

  it('keeps the outbox and the key that opens it when acknowledgements are unsent', async () => {
    await deleteLocalData({ dataDir, vault, logger }, 'a', { keepOutbox: true, why: 'test' });
    expect((await readdir(userDataDir(dataDir, 'a'))).sort()).toEqual(['outbox.log', 'user-key']);
    expect(vault.secrets.has(userKeyAccount('a'))).toBe(true);
    expect(logger.lines.at(-1)?.message).toContain('kept the outbox and its key');
  });

  it('is quiet about a user with no folder', async () => {
    await deleteLocalData({ dataDir, vault, logger }, 'nobody', { keepOutbox: true, why: 'test' });
    await deleteLocalData({ dataDir, vault, logger }, 'nobody', { keepOutbox: false, why: 'test' });
    expect(vault.secrets.size).toBe(2);
  });
});
