/** Who is calling: a signed-in user (with the roles a route needs) or an adapter's ingest key. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/protocol/index.js';
import type { Principal } from '../auth/access-tokens.js';
import { ingestKeyHash } from '../auth/accounts.js';
import { certificationExpired, certified, restriction } from '../auth/session-desk.js';
import type { HubContext } from '../context.js';
import { HubError, forbidden, unauthorized } from '../errors.js';
import type { IngestKeyRecord } from '../store/port.js';

export function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m?.[1];
}

/** Why a session may be limited to fixing the account (docs/protocol.md 1.1); see `restriction`. */
export type Restriction = 'password_change_required' | 'otp_enrollment_required';

export interface UserGuardOptions {
  /** The limited sessions this route serves anyway (the routes that fix the account, sign-out). */
  allow?: readonly Restriction[];
}

const RESTRICTION_MESSAGE: Record<Restriction, string> = {
  password_change_required: 'choose a new password first (POST /me/password)',
  otp_enrollment_required: 'set up your authenticator first (POST /me/otp)',
};

export async function requireUser(ctx: HubContext, req: FastifyRequest, roles?: readonly Role[], options: UserGuardOptions = {}): Promise<Principal> {
  const token = bearer(req);
  if (!token) throw unauthorized('sign in first');
  const check = await ctx.tokens.check(token);
  if (!check.ok) throw new HubError(401, check.code, check.code === 'token_expired' ? 'the access token has expired' : 'invalid access token');
  // An allow-list: a token is good only while its session row is active (an unknown sid is refused).
  if (!(await ctx.store.sessions.isActive(check.principal.sessionId))) throw unauthorized('this session has ended');
  const user = await ctx.store.users.byId(check.principal.userId);
  if (!user) throw unauthorized('account removed');
  if (user.disabled) {
    await ctx.sessionEnds.endUser(user.id, 'disabled');
    throw unauthorized('this session has ended');
  }
  // Certification lapses with time, not with an event: the first request after it ends the sessions.
  if (!certified(user, ctx.clock.now())) {
    await ctx.sessionEnds.endUser(user.id, 'certification_expired');
    throw certificationExpired();
  }
  const limited = await restriction(ctx.store, user);
  if (limited && !options.allow?.includes(limited)) throw new HubError(403, limited, RESTRICTION_MESSAGE[limited]);
  // Roles come from the store, not the token, so a role change applies at once.
  const principal = { ...check.principal, roles: user.roles };
  if (roles && !roles.some((r) => principal.roles.includes(r))) {
    await ctx.securityLog.record('forbidden', 'refused', { userId: user.id, username: user.username, source: req.ip }, { route: req.routeOptions.url, method: req.method });
    throw forbidden();
  }
  return principal;
}

export async function requireIngestKey(ctx: HubContext, req: FastifyRequest): Promise<IngestKeyRecord> {
  const key = bearer(req);
  const record = key ? await ctx.store.keys.byHash(ingestKeyHash(key)) : undefined;
  if (!record) throw unauthorized('a valid ingest key is required');
  ctx.accounts.noteKeyUse(record);
  return record;
}
