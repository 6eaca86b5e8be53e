/**
 * The fallback credential vault: secrets sealed with Electron's safeStorage (DPAPI, Keychain,
 * kwallet/libsecret; never Chromium's basic_text key) in a 0600 file under userData, for a desk where
 * keytar has no keychain to talk to. `openVault` picks by `chooseVault` (services/vault-choice.ts).
 */
import { safeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../services/durable-file.js';
import type { CredentialVault, Logger } from '../services/ports.js';
import { chooseVault } from '../services/vault-choice.js';
import { KeytarVault, loadKeytar } from './keytar-vault.js';

export class SafeStorageVault implements CredentialVault {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async get(account: string): Promise<string | null> {
    return (await this.load())[account] ?? null;
  }

  set(account: string, secret: string): Promise<void> {
    return this.update((all) => void (all[account] = secret));
  }

  delete(account: string): Promise<void> {
    return this.update((all) => void delete all[account]);
  }

  private update(change: (all: Record<string, string>) => void): Promise<void> {
    const task = this.queue.then(async () => {
      const all = await this.load();
      change(all);
      await writeFileAtomic(this.path, safeStorage.encryptString(JSON.stringify(all)), 0o600);
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  private async load(): Promise<Record<string, string>> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.path);
    } catch {
      return {};
    }
    const parsed: unknown = JSON.parse(safeStorage.decryptString(sealed));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  }
}

/** keytar when it loads and reaches a keychain; otherwise safeStorage; never clear text. */
export async function openVault(fallbackPath: string, logger: Logger): Promise<CredentialVault> {
  const loaded = await loadKeytar();
  if (loaded.keytar) return new KeytarVault(loaded.keytar);
  // Linux only: which secret store safeStorage would use (basic_text is refused).
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  const choice = chooseVault({ keytar: false, encryptionAvailable: safeStorage.isEncryptionAvailable(), ...(backend ? { backend } : {}) });
  if ('refuse' in choice) throw new Error(choice.refuse);
  logger.warn('vault: no OS keychain reachable; using safeStorage', { reason: loaded.reason, backend });
  return new SafeStorageVault(fallbackPath);
}
