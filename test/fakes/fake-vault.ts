/** A CredentialVault fake that can be told to fail, and shows what it holds. */
import type { CredentialVault } from '../../src/main/services/ports.js';

export class FakeVault implements CredentialVault {
  readonly secrets = new Map<string, string>();
  failing = false;

  async get(account: string): Promise<string | null> {
    if (this.failing) throw new Error('vault unavailable');
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    if (this.failing) throw new Error('vault unavailable');
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }
}
