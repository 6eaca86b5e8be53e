/**
 * A CredentialVault in a JSON file readable only by its owner (mode 0600), for the browser host
 * and the fault tests' client process, where there is no OS keychain. It is weaker than keytar
 * (anyone with the user's file access reads it), which is why Electron uses the keychain instead.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../services/durable-file.js';
import type { CredentialVault, Logger } from '../services/ports.js';

const VaultFile = z.record(z.string(), z.string());

export class FileVault implements CredentialVault {
  private cache: Record<string, string> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly logger?: Logger,
  ) {}

  async get(account: string): Promise<string | null> {
    return (await this.load())[account] ?? null;
  }

  set(account: string, secret: string): Promise<void> {
    return this.update((all) => {
      all[account] = secret;
    });
  }

  delete(account: string): Promise<void> {
    return this.update((all) => {
      delete all[account];
    });
  }

  private update(change: (all: Record<string, string>) => void): Promise<void> {
    const task = this.queue.then(async () => {
      const all = { ...(await this.load()) };
      change(all);
      await writeFileAtomic(this.path, JSON.stringify(all), 0o600);
      this.cache = all;
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      this.cache = {};
      return this.cache;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = VaultFile.safeParse(parsed);
    if (!checked.success) this.logger?.error('vault: the vault file is unreadable; starting empty', { file: this.path });
    this.cache = checked.success ? checked.data : {};
    return this.cache;
  }
}
