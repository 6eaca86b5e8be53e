/**
 * Deleting one user's local data from this desk: their folder (inbox, outbox, files moved aside)
 * and their sealing key, so any copy of the files left behind (a backup, an undelete) cannot be
 * read either. Unsent acknowledgements are never thrown away: when `keepOutbox` is set the outbox
 * and the key that opens it stay (the desk sends them when the user signs in again).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { userKeyAccount } from './sealing-key.js';
import { userDataDir } from './user-desk.js';
import type { CredentialVault, Logger } from './ports.js';

/** Files that keep unsent acknowledgements readable (ack-outbox.ts, user-key-migration.ts). */
const OUTBOX_FILES = new Set(['outbox.log', 'user-key']);

export interface LocalDataDeps {
  dataDir: string;
  vault: CredentialVault;
  logger: Logger;
}

export async function deleteLocalData(deps: LocalDataDeps, userId: string, options: { keepOutbox: boolean; why: string }): Promise<void> {
  const dir = userDataDir(deps.dataDir, userId);
  if (!options.keepOutbox) {
    // The key first: should removing the files fail half-way, what is left is already unreadable.
    await deps.vault.delete(userKeyAccount(userId));
    await rm(dir, { recursive: true, force: true });
    deps.logger.info('local data: deleted this user\'s inbox, outbox and key', { why: options.why });
    return;
  }
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (!OUTBOX_FILES.has(name)) await rm(join(dir, name), { recursive: true, force: true });
  deps.logger.warn('local data: deleted this user\'s inbox; kept the outbox and its key for acknowledgements not yet sent', { why: options.why });
}
