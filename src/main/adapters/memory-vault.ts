/** A CredentialVault in memory: for tests and a browser host that must not write secrets to disk. */
import type { CredentialVault } from '../services/ports.js';

export class MemoryVault implements CredentialVault {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }
}
