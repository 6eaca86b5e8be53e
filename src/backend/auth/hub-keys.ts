/**
 * The hub's key material, kept out of the database (CJIS SC-13/SC-28): one 32-byte master key,
 * either derived from an operator-supplied secret (`OPENTAS_HUB_SECRET`, the same on every node)
 * or read from `hub.key` (mode 0600) in the data folder, created on first start. From it come the
 * access-token signing key and the key that seals TOTP secrets (AES-256-GCM) in the store.
 *
 * The store keeps only a check value (an HMAC of a constant), so a node started with another key
 * refuses to start instead of issuing tokens the other nodes reject or failing every TOTP.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SecretStore } from '../store/port.js';

export const KEY_FILE = 'hub.key';
const SEALED = 'sealed1:';
/** The signing key of hubs before 1.1, kept in the database in clear; removed at start. */
const LEGACY_SIGNING_KEY = 'jwt-hs256';
/** The store's row holding the key's check value (read by `opentas-hub doctor`). */
export const KEY_CHECK = 'key-check-v1';

export interface HubKeys {
  /** HS256 key for access tokens. */
  readonly signing: Uint8Array;
  seal(plain: string): string;
  /** Opens a sealed value; a value stored in clear by an older hub is returned as is. */
  open(stored: string): string;
  isSealed(stored: string): boolean;
  /** Where the master key came from, for the operator's log line. */
  readonly source: 'secret' | 'key-file' | 'ephemeral';
}

export interface KeySource {
  /** Operator-supplied secret (at least 32 characters); wins over the key file. */
  secret?: string;
  /** Data folder holding (or to hold) `hub.key`; without it and without a secret the key lives in memory. */
  dataDir?: string;
}

export class HubKeyError extends Error {}

function readOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A key file someone copied with loose permissions is tightened, not trusted as is.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new HubKeyError(`${path} does not hold a 32-byte key (base64)`);
  return key;
}

function masterKey(source: KeySource): { key: Buffer; source: HubKeys['source'] } {
  if (source.secret !== undefined) {
    if (source.secret.length < 32) throw new HubKeyError('the hub secret must be at least 32 characters');
    return { key: Buffer.from(hkdfSync('sha256', source.secret, 'opentas-hub', 'master', 32)), source: 'secret' };
  }
  if (source.dataDir) return { key: readOrCreateKeyFile(source.dataDir), source: 'key-file' };
  return { key: randomBytes(32), source: 'ephemeral' };
}

const derive = (master: Buffer, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', master, 'opentas-hub', purpose, 32));

export function hubKeysFrom(source: KeySource): HubKeys & { checkValue: string } {
  const master = masterKey(source);
  const sealKey = derive(master.key, 'totp-seal');
  return {
    signing: derive(master.key, 'jwt-hs256'),
    source: master.source,
    checkValue: createHmac('sha256', master.key).update('opentas key check').digest('hex'),
    isSealed: (stored) => stored.startsWith(SEALED),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored) {
      if (!stored.startsWith(SEALED)) return stored;
      const raw = Buffer.from(stored.slice(SEALED.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Loads the keys and checks them against the store (first start: records the check value). */
export async function loadHubKeys(source: KeySource, secrets: SecretStore): Promise<HubKeys> {
  const keys = hubKeysFrom(source);
  if (keys.source !== 'ephemeral') {
    const recorded = await secrets.getOrCreate(KEY_CHECK, () => keys.checkValue);
    if (recorded !== keys.checkValue) {
      throw new HubKeyError(
        'this hub key is not the one the store was set up with: give every node the same OPENTAS_HUB_SECRET, or the same hub.key',
      );
    }
  }
  await secrets.remove(LEGACY_SIGNING_KEY);
  return keys;
}
