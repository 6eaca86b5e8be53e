/** Sign-in, token refresh and sign-out (docs/protocol.md `/session`). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginRequest } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { requireUser } from '../guard.js';
import { secretRouteLimits } from '../rate-limits.js';
import { parseBody } from '../parse.js';

export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** A mistyped code ("12 345", five digits) is a wrong code (`otp_invalid`), not a malformed request. */
export const SignIn = LoginRequest.extend({ otp: z.string().max(32).optional() });

export function sessionRoutes(app: FastifyInstance, ctx: HubContext): void {
  const limits = secretRouteLimits(app, ctx.rateLimits);
  app.post('/session', { preHandler: limits.signIn }, async (req) => {
    const body = parseBody(SignIn, req.body, 'invalid_request', 'the sign-in request');
    return ctx.sessions.login(body, req.ip);
  });

  app.post('/session/refresh', async (req) => {
    const body = parseBody(RefreshRequest, req.body, 'invalid_request', 'the refresh request');
    return ctx.sessions.refresh(body.refreshToken, req.ip);
  });

  app.delete('/session', async (req, reply) => {
    // A session limited to fixing the account may still sign out.
    const me = await requireUser(ctx, req, undefined, { allow: ['password_change_required', 'otp_enrollment_required'] });
    await ctx.sessions.logout(me.userId, me.username, me.sessionId, req.ip);
    return reply.code(204).send();
  });
}
