import { z } from 'zod';
import { Domain, IsoTime } from './common.js';
import { AlertEnvelope } from './hit.js';
import { Policy } from './policy.js';
import { Zone } from './zone.js';

export const Role = z.enum(['trooper', 'dispatcher', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const PublicUser = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  unit: z.string().nullable(),
  /** Addition (docs/protocol.md "Domains"): present for a motor-carrier user only; absent means `general`. */
  domain: Domain.optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  otp: z.string().regex(/^\d{6}$/).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionTokens = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
  user: PublicUser,
  /** 1.1: signed in with a temporary password; the token works only for POST /me/password. */
  mustChangePassword: z.boolean().optional(),
  /** 1.1: the policy requires a second factor the user has not set up; the token works only for POST /me/otp*. */
  mustEnrollOtp: z.boolean().optional(),
});
export type SessionTokens = z.infer<typeof SessionTokens>;

/** The `hello` socket event. */
export const Hello = z.object({
  serverTime: IsoTime,
  headSeq: z.number().int().min(0),
  policy: Policy,
  zones: z.array(Zone),
  gap: z.boolean(),
});
export type Hello = z.infer<typeof Hello>;

/** Socket handshake `auth`. */
export const StreamAuth = z.strictObject({
  token: z.string().min(1),
  clientId: z.string().min(1).max(128),
  resumeFrom: z.number().int().min(0).optional(),
});
export type StreamAuth = z.infer<typeof StreamAuth>;

export { AlertEnvelope };
