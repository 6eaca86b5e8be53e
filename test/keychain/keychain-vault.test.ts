// The keychain tier: the app's KeytarVault against a real Secret Service (gnome-keyring), started by run.sh.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeytarVault, loadKeytar } from '../../src/main/platform/keytar-vault.js';

const service = `opentas-test-${randomUUID()}`;

async function openVault(name = service): Promise<KeytarVault> {
  const loaded = await loadKeytar(name);
  if (!loaded.keytar) throw new Error(`the keychain did not open: ${loaded.reason}`);
  return new KeytarVault(loaded.keytar, name);
}

describe('KeytarVault on gnome-keyring', () => {
  it('stores, reads back and deletes a secret', async () => {
    const vault = await openVault();
    expect(await vault.get('refresh-token')).toBeNull();
    await vault.set('refresh-token', 'rt_0123456789abcdef');
    expect(await vault.get('refresh-token')).toBe('rt_0123456789abcdef');
    await vault.delete('refresh-token');
    expect(await vault.get('refresh-token')).toBeNull();
  });

  it('keeps accounts apart and overwrites in place', async () => {
    const vault = await openVault();
    await vault.set('inbox-key', 'k1');
    await vault.set('refresh-token', 'r1');
    await vault.set('inbox-key', 'k2');
    expect(await vault.get('inbox-key')).toBe('k2');
    expect(await vault.get('refresh-token')).toBe('r1');
  });

  it('keeps services (installations) apart', async () => {
    const a = await openVault(`${service}-a`);
    const b = await openVault(`${service}-b`);
    await a.set('inbox-key', 'only-in-a');
    expect(await b.get('inbox-key')).toBeNull();
  });

  it('round-trips a long binary-safe secret (a base64 AES-256 key and a JWT-sized token)', async () => {
    const vault = await openVault();
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37) % 256)).toString('base64');
    const token = 'x'.repeat(2048);
    await vault.set('inbox-key', key);
    await vault.set('access', token);
    expect(await vault.get('inbox-key')).toBe(key);
    expect(await vault.get('access')).toBe(token);
  });

  it('is read by another process: the secret lives in the keychain, not in this process', async () => {
    const vault = await openVault();
    await vault.set('shared', 'seen-from-outside');
    const script = `const k = require('keytar'); k.getPassword(${JSON.stringify(service)}, 'shared').then((v) => process.stdout.write(String(v)));`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: process.env });
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('seen-from-outside');
  });
});
