/**
 * AccessTokens.check (src/backend/auth/access-tokens.ts), the hub's synchronous HS256 check: what
 * `issue` writes is accepted until its `exp` second, and nothing else is: another key, a changed
 * payload or header (another algorithm, `none`, an extra field), another issuer, missing claims,
 * malformed text. Tokens are made with jose, the library the check replaced, as an attacker or an
 * older hub would make them.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS, AccessTokens, type Principal } from '../../../src/backend/auth/access-tokens.js';
import type { Clock } from '../../../src/backend/clock.js';

const ME: Principal = { userId: 'u-1', username: 'tpr.kowalski', roles: ['trooper'], sessionId: 's-1' };
const T0 = Date.parse('2026-12-01T06:00:00Z');

class StepClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
}

function sign(key: Uint8Array, claims: JWTPayload, header: Record<string, unknown> = { alg: 'HS256' }): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

const goodClaims = (): JWTPayload => ({
  sub: ME.userId, username: ME.username, roles: ME.roles, sid: ME.sessionId, iss: 'opentas-hub', iat: T0 / 1000, exp: T0 / 1000 + 900,
});

describe('AccessTokens.check', () => {
  const key = randomBytes(32);
  const clock = new StepClock(T0);
  const tokens = new AccessTokens(key, clock);

  it('accepts what issue wrote, with its principal and expiry, until its exp second', async () => {
    clock.ms = T0;
    const token = await tokens.issue(ME);
    expect(tokens.check(token)).toEqual({ ok: true, principal: ME, expiresAt: T0 + ACCESS_TOKEN_SECONDS * 1000 });
    clock.ms = T0 + ACCESS_TOKEN_SECONDS * 1000 - 1;
    expect(tokens.check(token).ok).toBe(true);
    clock.ms = T0 + ACCESS_TOKEN_SECONDS * 1000;
    expect(tokens.check(token)).toEqual({ ok: false, code: 'token_expired' });
    clock.ms = T0;
  });

  it('accepts a token jose signed with the same key and claims (an older hub, another node)', async () => {
    expect(tokens.check(await sign(key, goodClaims())).ok).toBe(true);
  });

  it('refuses another key, a changed payload, another algorithm or header, and none', async () => {
    const token = await tokens.issue(ME);
    const [header, body, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...goodClaims(), roles: ['admin'] })).toString('base64url');
    const refusals = [
      await sign(randomBytes(32), goodClaims()),
      `${header}.${forged}.${signature}`,
      await sign(key, goodClaims(), { alg: 'HS512' }),
      await sign(key, goodClaims(), { alg: 'HS256', typ: 'JWT' }),
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`,
      `${header}.${body}.`,
      `${header}.${body}.${signature}x`,
      `${header}.${body}.${signature.slice(0, -2)}`,
    ];
    for (const t of refusals) expect(tokens.check(t), t).toEqual({ ok: false, code: 'unauthorized' });
  });

  it('refuses another issuer and missing or mistyped claims', async () => {
    const { sid: _sid, ...noSession } = goodClaims();
    const { exp: _exp, ...noExpiry } = goodClaims();
    const bad: JWTPayload[] = [{ ...goodClaims(), iss: 'someone-else' }, noSession, noExpiry, { ...goodClaims(), roles: 'admin' }, { ...goodClaims(), sub: 7 as unknown as string }];
    for (const claims of bad) expect(tokens.check(await sign(key, claims)), JSON.stringify(claims)).toEqual({ ok: false, code: 'unauthorized' });
  });

  it('refuses malformed text without throwing', () => {
    for (const t of ['', 'a', 'a.b', 'a.b.c', 'a.b.c.d', '...', `${'x'.repeat(5000)}.y.z`, 'eyJhbGciOiJIUzI1NiJ9.!!!.sig']) {
      expect(tokens.check(t)).toEqual({ ok: false, code: 'unauthorized' });
    }
  });
});
