/**
 * Access tokens: HS256 JWTs that live 15 minutes, signed with a key derived from the hub's master
 * key (auth/hub-keys.ts: a key file or an operator secret, never the database), so tokens survive
 * a restart and every hub node with the same key accepts them. `sid` names the session: a token
 * is good only while that session is active in the store (the guard and the stream check).
 */
import { SignJWT, errors, jwtVerify } from 'jose';
import type { Role } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

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
      .setIssuer('opentas-hub')
      .sign(this.key);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: 'opentas-hub',
        currentDate: this.clock.now(),
        clockTolerance: 0,
      });
      const { sub, username, roles, sid, exp } = payload;
      if (typeof sub !== 'string' || typeof username !== 'string' || !Array.isArray(roles) || typeof sid !== 'string' || typeof exp !== 'number') {
        return { ok: false, code: 'unauthorized' };
      }
      return { ok: true, principal: { userId: sub, username, roles: roles as Role[], sessionId: sid }, expiresAt: exp * 1000 };
    } catch (err) {
      return { ok: false, code: err instanceof errors.JWTExpired ? 'token_expired' : 'unauthorized' };
    }
  }
}
