/**
 * The keys that seal a user's inbox and outbox at rest: one per user, so a trooper signing in on
 * the same OS account after another is given only their own key, and deleting one user's key
 * makes their files (and any copy of them) unreadable. Keys live only in the credential vault (the
 * OS keychain); losing one makes that user's cache unreadable, which the logs then move aside.
 */
import { randomBytes } from 'node:crypto';
import type { CredentialVault } from './ports.js';

/** The one key every user shared before per-user keys (docs/adr/0017): read only to migrate. */
export const LEGACY_SEALING_KEY_ACCOUNT = 'inbox-key';

export function userKeyAccount(userId: string): string {
  return `${LEGACY_SEALING_KEY_ACCOUNT}:${userId}`;
}

/** The user's key, made on first use; `created` tells the caller to look for data sealed before it. */
export async function loadUserSealingKey(vault: CredentialVault, userId: string): Promise<{ key: Buffer; created: boolean }> {
  const account = userKeyAccount(userId);
  const key = decode(await vault.get(account));
  if (key) return { key, created: false };
  const fresh = randomBytes(32);
  await vault.set(account, fresh.toString('base64'));
  return { key: fresh, created: true };
}

export async function loadLegacySealingKey(vault: CredentialVault): Promise<Buffer | null> {
  return decode(await vault.get(LEGACY_SEALING_KEY_ACCOUNT));
}

function decode(stored: string | null): Buffer | null {
  if (!stored) return null;
  const key = Buffer.from(stored, 'base64');
  return key.length === 32 ? key : null;
}
