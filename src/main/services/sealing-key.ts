/**
 * The key that seals the inbox and the outbox at rest. It lives only in the credential vault
 * (the OS keychain); losing it makes the local cache unreadable, which the logs then move aside.
 */
import { randomBytes } from 'node:crypto';
import type { CredentialVault } from './ports.js';

export const SEALING_KEY_ACCOUNT = 'inbox-key';

export async function loadSealingKey(vault: CredentialVault): Promise<Buffer> {
  const stored = await vault.get(SEALING_KEY_ACCOUNT);
  if (stored) {
    const key = Buffer.from(stored, 'base64');
    if (key.length === 32) return key;
  }
  const key = randomBytes(32);
  await vault.set(SEALING_KEY_ACCOUNT, key.toString('base64'));
  return key;
}
