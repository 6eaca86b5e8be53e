/**
 * Access tokens: HS256 JWTs that live 15 minutes, signed with a key derived from the hub's master
 * key (auth/hub-keys.ts: a key file or an operator secret, never the database), so tokens survive
 * a restart and every hub node with the same key accepts them. `sid` names the session: a token
 * is good only while that session is active in the store (the guard and the stream check).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

const ISSUER = 'opentas-hub';
/** The protected header `issue` writes ({"alg":"HS256"}), base64url: the only one accepted. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

export interface Principal {
  userId: string;
  username: string;
  roles: Role[];
  sessionId: string;
}

export type TokenCheck = { ok: true; principal: Principal; expiresAt: number } | { ok: false; code: 'unauthorized' | 'token_expired' };

export class AccessTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly clock: Clock,
  ) {}

  async issue(p: Principal): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ username: p.username, roles: p.roles, sid: p.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(p.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + ACCESS_TOKEN_SECONDS)
      .setIssuer(ISSUER)
      .sign(this.key);
  }

  /**
   * Checks a token this hub (or a node with the same key) issued, synchronously with node:crypto:
   * every HTTP request and every stream handshake runs it, and jose's check (Web Crypto: a key
   * import and a signature check on the thread pool, each awaited) took about 200 us of the hub's
   * thread and two turns of its loop for what is one HMAC. Stricter than a general JWT check: the
   * header must be exactly the one `issue` writes, so no other algorithm or header is ever read.
   */
  check(token: string): TokenCheck {
    const refused = { ok: false, code: 'unauthorized' } as const;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return refused;
    const [, body = '', signature = ''] = parts;
    const expected = createHmac('sha256', this.key).update(`${HEADER}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== signature) return refused;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return refused;
    }
    if (payload === null || typeof payload !== 'object') return refused;
    const { sub, username, roles, sid, exp, iss } = payload;
    if (iss !== ISSUER || typeof sub !== 'string' || typeof username !== 'string' || !Array.isArray(roles) || typeof sid !== 'string' || typeof exp !== 'number') {
      return refused;
    }
    // Expired at its `exp` second (jose's rule with no tolerance, which this check replaced).
    if (exp <= Math.floor(this.clock.now().getTime() / 1000)) return { ok: false, code: 'token_expired' };
    return { ok: true, principal: { userId: sub, username, roles: roles as Role[], sessionId: sid }, expiresAt: exp * 1000 };
  }
}
