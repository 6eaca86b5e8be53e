/**
 * docs/protocol.md "Accounts, sessions and keys (v1.1)": the admin's user object, the user and key
 * requests, the one-use answers (temporary password, new ingest key, TOTP enrolment) and the
 * `session_ended` socket event. Answers are parsed loosely (`z.object`) where the hub may add
 * fields; requests are strict, so a typo is refused rather than silently dropped.
 */
import { z } from 'zod';
import { Domain, IsoTime } from './common.js';
import { Role } from './user.js';


/** The v1.1 user object (docs/protocol.md), as `GET /users` gives it to an admin. */
export const AccountUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  unit: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mfa: z.boolean(),
  domain: Domain,
  leadsCertifiedUntil: IsoTime.nullable(),
  trainedAt: IsoTime.nullable(),
  lastLoginAt: IsoTime.nullable(),
});
export type AccountUser = z.infer<typeof AccountUser>;

const Username = z.string().regex(/^[a-z0-9._-]{2,64}$/i, '2-64 letters, digits, dots, dashes or underscores');
const DisplayName = z.string().trim().min(1).max(120);
const Unit = z.string().trim().min(1).max(80);

export const NewUserRequest = z.strictObject({
  username: Username,
  password: z.string().min(1).max(256),
  displayName: DisplayName,
  roles: z.array(Role).min(1, 'at least one role'),
  unit: Unit.optional(),
  leadsCertifiedUntil: IsoTime.optional(),
  trainedAt: IsoTime.optional(),
  domain: Domain.optional(),
});
export type NewUserRequest = z.infer<typeof NewUserRequest>;

export const UserPatch = z.strictObject({
  displayName: DisplayName.optional(),
  roles: z.array(Role).min(1, 'at least one role').optional(),
  unit: Unit.nullable().optional(),
  disabled: z.boolean().optional(),
  leadsCertifiedUntil: IsoTime.optional(),
  trainedAt: IsoTime.optional(),
  domain: Domain.optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const TemporaryPassword = z.object({ temporaryPassword: z.string().min(1) });

/** An ingest key as listed: never the key itself, which is shown once when created. */
export const IngestKeyItem = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: IsoTime.nullable().optional(),
  lastUsedAt: IsoTime.nullable().optional(),
  revokedAt: IsoTime.nullable().optional(),
});
export type IngestKeyItem = z.infer<typeof IngestKeyItem>;

export const CreatedKey = z.object({ id: z.string(), name: z.string(), key: z.string().min(1) });
export type CreatedKey = z.infer<typeof CreatedKey>;

export const KeyName = z.strictObject({ name: z.string().trim().min(1).max(80) });

export const OtpEnrolment = z.object({ secret: z.string().min(1), otpauthUrl: z.string().startsWith('otpauth://') });
export type OtpEnrolment = z.infer<typeof OtpEnrolment>;

export const SESSION_END_REASONS = ['disabled', 'revoked', 'locked', 'certification_expired', 'password_changed', 'expired'] as const;
export const SessionEndReason = z.enum(SESSION_END_REASONS);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** The `session_ended` socket event: the hub ends the socket right after it. */
export const SessionEnded = z.object({ reason: SessionEndReason });
