/**
 * Access tokens: HS256 JWTs that live 15 minutes, signed with a key kept in the store so tokens
 * survive a restart and every hub node on the same database accepts them. `sid` names the refresh
 * family, so logging out (revoking the family) also ends the access tokens of that session.
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

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; code: 'unauthorized' | 'token_expired' };

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
      const { sub, username, roles, sid } = payload;
      if (typeof sub !== 'string' || typeof username !== 'string' || !Array.isArray(roles) || typeof sid !== 'string') {
        return { ok: false, code: 'unauthorized' };
      }
      return { ok: true, principal: { userId: sub, username, roles: roles as Role[], sessionId: sid } };
    } catch (err) {
      return { ok: false, code: err instanceof errors.JWTExpired ? 'token_expired' : 'unauthorized' };
    }
  }
}
