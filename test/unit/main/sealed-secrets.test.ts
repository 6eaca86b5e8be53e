import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SealedSecretsFile, type SecretSealer } from '../../../src/main/services/sealed-secrets.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

/**
 * safeStorage's asynchronous API as the vault sees it: AES-256-GCM under a key of its own (the OS
 * key), the key version in the first byte; a file sealed under an older version opens as `stale`,
 * as `decryptStringAsync` answers `shouldReEncrypt` after a key rotation.
 */
class RotatingSealer implements SecretSealer {
  private readonly keys = [randomBytes(32)];
  seals = 0;

  rotate(): void {
    this.keys.push(randomBytes(32));
  }

  async seal(text: string): Promise<Buffer> {
    this.seals++;
    const version = this.keys.length - 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[version]!, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
  }

  async open(sealed: Buffer): Promise<{ text: string; stale: boolean }> {
    const version = sealed[0]!;
    const key = this.keys[version];
    if (!key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    const text = Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    return { text, stale: version !== this.keys.length - 1 };
  }
}

describe('SealedSecretsFile (the safeStorage fallback vault)', () => {
  let dir: string;
  let path: string;
  let sealer: RotatingSealer;

  beforeEach(async () => {
    dir = await tempDir('opentas-sealed-secrets-');
    path = join(dir, 'vault.bin');
    sealer = new RotatingSealer();
  });
  afterEach(() => removeDir(dir));

  it('keeps secrets by account, sealed in a 0600 file without the clear text', async () => {
    const vault = new SealedSecretsFile(path, sealer);
    expect(await vault.get('refresh')).toBeNull();
    await vault.set('refresh', 'rt-secret-value');
    await vault.set('lock', '{"locked":true}');
    expect(await new SealedSecretsFile(path, sealer).get('refresh')).toBe('rt-secret-value');
    const raw = await readFile(path);
    expect(raw.includes(Buffer.from('rt-secret-value'))).toBe(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await vault.delete('refresh');
    expect(await vault.get('refresh')).toBeNull();
    expect(await vault.get('lock')).toBe('{"locked":true}');
  });

  it('loses no secret when several are set at once', async () => {
    const vault = new SealedSecretsFile(path, sealer);
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`account-${i}`, `secret-${i}`)));
    const reopened = new SealedSecretsFile(path, sealer);
    for (let i = 0; i < 20; i++) expect(await reopened.get(`account-${i}`)).toBe(`secret-${i}`);
  });

  it('seals the file again under the new key when the OS key was rotated', async () => {
    const vault = new SealedSecretsFile(path, sealer);
    await vault.set('refresh', 'rt-1');
    const before = await readFile(path);
    sealer.rotate();
    const seals = sealer.seals;
    expect(await vault.get('refresh')).toBe('rt-1');
    expect(sealer.seals).toBe(seals + 1);
    const after = await readFile(path);
    expect(after[0]).toBe(1);
    expect(before[0]).toBe(0);
    expect(await vault.get('refresh')).toBe('rt-1');
    expect(sealer.seals).toBe(seals + 1); // fresh now: no second re-seal
  });

  it('refuses a file it cannot open, in words, and leaves it as it is', async () => {
    await writeFile(path, Buffer.from([7, 1, 2, 3]));
    const vault = new SealedSecretsFile(path, sealer);
    await expect(vault.get('refresh')).rejects.toThrow(/cannot be opened.*left as it is/);
    await expect(vault.set('refresh', 'rt-2')).rejects.toThrow(/cannot be opened/);
    expect(await readFile(path)).toEqual(Buffer.from([7, 1, 2, 3]));
  });

  it('refuses a sealed file that is not secrets by account', async () => {
    await writeFile(path, await sealer.seal('["not", "a", "map"]'));
    const before = await readFile(path);
    const vault = new SealedSecretsFile(path, sealer);
    await expect(vault.get('refresh')).rejects.toThrow(/does not hold secrets by account/);
    await expect(vault.delete('refresh')).rejects.toThrow(/does not hold secrets/);
    expect(await readFile(path)).toEqual(before);
  });
});
