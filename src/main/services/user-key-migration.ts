/**
 * From the one shared sealing key to a key per user (docs/adr/0017). Every user's files were
 * already in a folder of their own, only the key was shared: so on a user's first sign-in after
 * the upgrade their own folder is re-sealed with their own key (nobody else's data is touched, and
 * nothing is lost), and a mark in the folder says it is done. The shared key is deleted from the
 * vault once no folder still needs it.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, open, readdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDirectory, writeFileAtomic } from './durable-file.js';
import { lines, sealLine, unsealLine } from './sealed-log.js';
import { LEGACY_SEALING_KEY_ACCOUNT, loadLegacySealingKey, loadUserSealingKey } from './sealing-key.js';
import type { CredentialVault, Logger } from './ports.js';

/** A user's sealed files and the label each is sealed under (inbox.ts, ack-outbox.ts). */
export const SEALED_FILES = [
  { file: 'inbox.log', label: 'inbox' },
  { file: 'outbox.log', label: 'outbox' },
] as const;

/** Present in a user's folder once its files are sealed with the user's own key. */
export const USER_KEY_MARK = 'user-key';

/**
 * The user's own key, after moving their files over to it when they were sealed with the shared
 * key. Safe to repeat after a crash half-way: a line the shared key does not open is kept as it is.
 */
export async function openUserKey(vault: CredentialVault, usersDir: string, folder: string, userId: string, logger: Logger): Promise<Buffer> {
  const dir = join(usersDir, folder);
  const { key } = await loadUserSealingKey(vault, userId);
  if (await exists(join(dir, USER_KEY_MARK))) return key;
  const legacy = await loadLegacySealingKey(vault);
  if (legacy && (await hasSealedFiles(dir))) {
    let moved = 0;
    for (const { file, label } of SEALED_FILES) moved += await reseal(join(dir, file), label, legacy, key);
    logger.info('inbox: re-sealed this user\'s records from the shared key with their own', { records: moved });
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(dir, USER_KEY_MARK), 'sealed with this user\'s own key (inbox-key:<userId> in the vault)\n');
  if (legacy) await forgetSharedKeyWhenUnused(vault, usersDir, logger);
  return key;
}

/** Rewrites one file line by line through temp + rename; returns how many lines moved to `to`. */
async function reseal(path: string, label: string, from: Buffer, to: Buffer): Promise<number> {
  if (!(await exists(path))) return 0;
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const out = await open(temp, 'w', 0o600);
  let moved = 0;
  try {
    for await (const line of lines(path)) {
      if (line.length === 0) continue;
      const text = unsealLine(from, label, line);
      // Not the shared key's: already re-sealed (a repeat after a crash) or damaged (the log's open moves it aside).
      if (text === null) await out.write(line + '\n');
      else {
        await out.write(sealLine(to, label, text) + '\n');
        moved++;
      }
    }
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temp, path);
  await syncDirectory(dirname(path));
  return moved;
}

async function forgetSharedKeyWhenUnused(vault: CredentialVault, usersDir: string, logger: Logger): Promise<void> {
  const folders = await readdir(usersDir, { withFileTypes: true }).catch(() => []);
  for (const entry of folders) {
    if (!entry.isDirectory()) continue;
    const dir = join(usersDir, entry.name);
    if ((await hasSealedFiles(dir)) && !(await exists(join(dir, USER_KEY_MARK)))) return;
  }
  await vault.delete(LEGACY_SEALING_KEY_ACCOUNT);
  logger.info('inbox: every user\'s records are sealed with their own key; deleted the shared key');
}

async function hasSealedFiles(dir: string): Promise<boolean> {
  for (const { file } of SEALED_FILES) if (await exists(join(dir, file))) return true;
  return false;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
