/** Who is calling: a signed-in user (with the roles a route needs) or an adapter's ingest key. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/protocol/index.js';
import type { Principal } from '../auth/access-tokens.js';
import { ingestKeyHash } from '../auth/accounts.js';
import type { Restriction } from '../auth/authenticator.js';
import type { HubContext } from '../context.js';
import { forbidden, unauthorized } from '../errors.js';
import type { IngestKeyRecord, UserRecord } from '../store/port.js';

export function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m?.[1];
}

export type { Restriction };

export interface UserGuardOptions {
  /** The limited sessions this route serves anyway (the routes that fix the account, sign-out). */
  allow?: readonly Restriction[];
}

/** The signed-in caller (auth/authenticator.ts, the same check the stream makes), with one of `roles` when given. */
export async function requireUser(ctx: HubContext, req: FastifyRequest, roles?: readonly Role[], options: UserGuardOptions = {}): Promise<Principal> {
  return (await requireAccount(ctx, req, roles, options)).principal;
}

/** `requireUser` with the caller's account as stored (their unit and data domain). */
export async function requireAccount(
  ctx: HubContext,
  req: FastifyRequest,
  roles?: readonly Role[],
  options: UserGuardOptions = {},
): Promise<{ principal: Principal; user: UserRecord }> {
  const token = bearer(req);
  if (!token) throw unauthorized('sign in first');
  const { principal, user } = await ctx.authenticator.authenticate(token, options.allow);
  if (roles && !roles.some((r) => principal.roles.includes(r))) {
    await ctx.securityLog.record('forbidden', 'refused', { userId: user.id, username: user.username, source: req.ip }, { route: req.routeOptions.url, method: req.method });
    throw forbidden();
  }
  return { principal, user };
}

export async function requireIngestKey(ctx: HubContext, req: FastifyRequest): Promise<IngestKeyRecord> {
  const key = bearer(req);
  const record = key ? await ctx.store.keys.byHash(ingestKeyHash(key)) : undefined;
  if (!record) throw unauthorized('a valid ingest key is required');
  ctx.accounts.noteKeyUse(record);
  return record;
}
