/**
 * docs/protocol.md#accounts-sessions-and-keys-v11, the admin's side: create and change users,
 * unlock, one-use passwords, end a user's sessions, ingest keys. Every change is in the security
 * audit trail (who, when, what) through `Accounts`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KeyName, NewUserRequest, UserPatch, type AccountUser } from '../../../shared/protocol/index.js';
import type { By } from '../../auth/accounts.js';
import type { HubContext } from '../../context.js';
import type { UserRecord } from '../../store/port.js';
import { requireUser } from '../guard.js';
import { parseBody } from '../parse.js';

/** The 1.1 user object (admin view). */
export function accountUser(u: UserRecord, now: Date): AccountUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    unit: u.unit,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && Date.parse(u.lockedUntil) > now.getTime(),
    mfa: u.totpSecret !== null,
    domain: u.domain,
    leadsCertifiedUntil: u.leadsCertifiedUntil,
    trainedAt: u.trainingCompletedAt,
    lastLoginAt: u.lastLoginAt,
  };
}

async function admin(ctx: HubContext, req: FastifyRequest): Promise<By> {
  const me = await requireUser(ctx, req, ['admin']);
  return { userId: me.userId, username: me.username, source: req.ip };
}

export function accountRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post('/users', async (req, reply) => {
    const by = await admin(ctx, req);
    const body = parseBody(NewUserRequest, req.body, 'invalid_user', 'the user');
    const created = await ctx.accounts.addUser(
      {
        username: body.username,
        password: body.password,
        displayName: body.displayName,
        roles: body.roles,
        ...(body.unit !== undefined ? { unit: body.unit } : {}),
        ...(body.leadsCertifiedUntil !== undefined ? { leadsCertifiedUntil: body.leadsCertifiedUntil } : {}),
        ...(body.trainedAt !== undefined ? { trainingCompletedAt: body.trainedAt } : {}),
        ...(body.domain !== undefined ? { domain: body.domain } : {}),
      },
      by,
    );
    return reply.code(201).send(accountUser(await ctx.accounts.byIdOrThrow(created.user.id), ctx.clock.now()));
  });

  app.patch<{ Params: { id: string } }>('/users/:id', async (req) => {
    const by = await admin(ctx, req);
    const body = parseBody(UserPatch, req.body, 'invalid_user', 'the change');
    const { trainedAt, ...rest } = body;
    const change = Object.fromEntries(Object.entries({ ...rest, trainingCompletedAt: trainedAt }).filter(([, v]) => v !== undefined));
    const after = await ctx.accounts.update(req.params.id, change, by);
    await ctx.events.emit('userChanged', after);
    return accountUser(after, ctx.clock.now());
  });

  app.post<{ Params: { id: string } }>('/users/:id/unlock', async (req, reply) => {
    await ctx.accounts.unlockId(req.params.id, await admin(ctx, req));
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/users/:id/password', async (req) => {
    return { temporaryPassword: await ctx.accounts.resetPassword(req.params.id, await admin(ctx, req)) };
  });

  app.delete<{ Params: { id: string } }>('/users/:id/sessions', async (req, reply) => {
    await ctx.accounts.endSessions(req.params.id, await admin(ctx, req));
    return reply.code(204).send();
  });

  app.get('/keys', async (req) => {
    await admin(ctx, req);
    return { items: (await ctx.store.keys.list()).map((k) => ({ id: k.id, name: k.name, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt ?? null })) };
  });

  app.post('/keys', async (req, reply) => {
    const by = await admin(ctx, req);
    const { name } = parseBody(KeyName, req.body, 'invalid_key', 'the key');
    return reply.code(201).send(await ctx.accounts.createIngestKey(name, by));
  });

  app.delete<{ Params: { id: string } }>('/keys/:id', async (req, reply) => {
    await ctx.accounts.revokeIngestKey(req.params.id, await admin(ctx, req));
    return reply.code(204).send();
  });
}
