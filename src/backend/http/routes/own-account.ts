/**
 * docs/protocol.md 1.1, what a signed-in user does to their own account: change the password (their
 * other sessions end) and enrol a TOTP second factor. These are the routes a session limited by
 * a temporary password or a missing required factor may still call.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../../context.js';
import { requireUser } from '../guard.js';
import { parseBody } from '../parse.js';
import { secretRouteLimits } from '../rate-limits.js';

export const PasswordChange = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });
/** A mistyped code is a wrong code (`otp_invalid`), not a malformed request. */
export const OtpConfirm = z.strictObject({ otp: z.string().max(32) });

export function ownAccountRoutes(app: FastifyInstance, ctx: HubContext): void {
  const limits = secretRouteLimits(app, ctx.rateLimits);

  app.post('/me/password', { preHandler: limits.perAddress }, async (req, reply) => {
    const me = await requireUser(ctx, req, undefined, { allow: ['password_change_required', 'otp_enrollment_required'] });
    const body = parseBody(PasswordChange, req.body, 'invalid_request', 'the password change');
    await ctx.ownAccount.changePassword(me, body.currentPassword, body.newPassword, req.ip);
    return reply.code(204).send();
  });

  app.post('/me/otp', async (req) => {
    const me = await requireUser(ctx, req, undefined, { allow: ['otp_enrollment_required'] });
    return ctx.ownAccount.beginOtp(me, req.ip);
  });

  app.post('/me/otp/confirm', { preHandler: limits.perAddress }, async (req, reply) => {
    const me = await requireUser(ctx, req, undefined, { allow: ['otp_enrollment_required'] });
    const body = parseBody(OtpConfirm, req.body, 'invalid_request', 'the confirmation');
    await ctx.ownAccount.confirmOtp(me, body.otp, req.ip);
    return reply.code(204).send();
  });
}
