/**
 * The fallback credential vault's logic: every secret of the desk in one JSON object, sealed as a
 * whole by a SecretSealer (Electron's asynchronous safeStorage in the app) into a 0600 file. Kept
 * apart from Electron so it is tested here; src/main/platform/safe-storage-vault.ts only adapts
 * safeStorage to SecretSealer.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './durable-file.js';
import type { CredentialVault } from './ports.js';

/**
 * Seals and opens text with an OS-held key. `stale` says the key was rotated (or a stronger one
 * became available) since the text was sealed: the caller should seal it again.
 */
export interface SecretSealer {
  seal(text: string): Promise<Buffer>;
  open(sealed: Buffer): Promise<{ text: string; stale: boolean }>;
}

export class SealedSecretsFile implements CredentialVault {
  // One read-change-write at a time: two sets at once would otherwise lose one of them.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly sealer: SecretSealer,
  ) {}

  async get(account: string): Promise<string | null> {
    return (await this.serialised(() => this.load()))[account] ?? null;
  }

  set(account: string, secret: string): Promise<void> {
    return this.update((all) => void (all[account] = secret));
  }

  delete(account: string): Promise<void> {
    return this.update((all) => void delete all[account]);
  }

  private update(change: (all: Record<string, string>) => void): Promise<void> {
    return this.serialised(async () => {
      const all = await this.load();
      change(all);
      await this.write(all);
    });
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(all: Record<string, string>): Promise<void> {
    await writeFileAtomic(this.path, await this.sealer.seal(JSON.stringify(all)), 0o600);
  }

  /**
   * The secrets, or {} when there is no file yet. A file that cannot be opened or is not a map of
   * strings throws (and so no write replaces it): it may be another OS user's key or a restore
   * away from readable, and a silent reset would sign the trooper out with no reason given.
   */
  private async load(): Promise<Record<string, string>> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    let opened: { text: string; stale: boolean };
    let parsed: unknown;
    try {
      opened = await this.sealer.open(sealed);
      parsed = JSON.parse(opened.text);
    } catch (err) {
      throw new Error(
        `The sealed credential file ${this.path} cannot be opened (${(err as Error).message}); it was left as it is.`,
      );
    }
    if (!isSecretMap(parsed))
      throw new Error(
        `The sealed credential file ${this.path} does not hold secrets by account; it was left as it is.`,
      );
    if (opened.stale) await this.write(parsed);
    return parsed;
  }
}

function isSecretMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}
