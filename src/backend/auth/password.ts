/**
 * Password hashing with scrypt (node:crypto, no native addon) and the password policy: at least 8
 * characters and not a common password. The hash string carries its parameters so they can rise later.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords.js';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs what a real check costs (unknown users). */
export const DECOY_HASH_PROMISE: Promise<string> = hashPassword(randomBytes(18).toString('base64'));

/** Why a password is refused, or undefined when it passes. Never a hint about the password itself. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'a password has at least 8 characters';
  if (password.length > 256) return 'a password has at most 256 characters';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'this password is too common';
  return undefined;
}

/**
 * A temporary password is good for one sign-in: that sign-in marks its hash spent, so the same
 * password no longer signs in, while the limited session it opened can still name it as the
 * current password when choosing a new one (`unspent`).
 */
const SPENT = 'spent!';

export const spentHash = (hash: string): string => (hash.startsWith(SPENT) ? hash : SPENT + hash);

export const unspent = (hash: string): string => (hash.startsWith(SPENT) ? hash.slice(SPENT.length) : hash);
