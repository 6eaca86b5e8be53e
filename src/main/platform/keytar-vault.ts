/**
 * CredentialVault on the OS keychain through keytar (Windows Credential Manager, macOS Keychain, Secret Service on
 * Linux). Kept apart from the safeStorage fallback (which needs Electron) so that the keychain tier can test it in
 * plain Node against a real gnome-keyring (test/keychain).
 */
import type { CredentialVault } from '../services/ports.js';

/** The part of keytar the vault uses. */
export type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

export const KEYCHAIN_SERVICE = 'OpenTAS';

export class KeytarVault implements CredentialVault {
  constructor(
    private readonly keytar: Keytar,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }

  async delete(account: string): Promise<void> {
    await this.keytar.deletePassword(this.service, account);
  }
}

/** keytar, loaded (it is an optional dependency) and proven to reach an unlocked keychain; or the reason not. */
export async function loadKeytar(service: string = KEYCHAIN_SERVICE): Promise<{ keytar: Keytar } | { keytar: null; reason: string }> {
  let keytar: Keytar;
  try {
    const loaded = (await import('keytar')) as unknown as { default?: Keytar } & Keytar;
    keytar = loaded.default ?? loaded;
  } catch (err) {
    return { keytar: null, reason: `keytar is not installed: ${(err as Error).message}` };
  }
  try {
    await keytar.getPassword(service, 'probe');
  } catch (err) {
    return { keytar: null, reason: `no keychain answered: ${(err as Error).message}` };
  }
  return { keytar };
}
