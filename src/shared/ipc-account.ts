/**
 * The IPC channels of the user's own account (docs/protocol.md v1.1): finishing a sign-in the hub
 * accepted only for a new password or a second factor, and quitting the app while the console is
 * locked. Which step is due travels in the session state (`step`, `quitAsked`); the held
 * password and the restricted token stay in the main process. The TOTP secret is shown to the
 * user once (as a QR code and as text for typing in), so it crosses here on purpose.
 * Spread into `invokeChannels` (src/shared/ipc.ts).
 */
import { z } from 'zod';
import { PublicUser } from './protocol/index.js';

const Password = z.string().min(1).max(256);
const Otp = z.string().regex(/^\d{6}$/);
const Ok = z.strictObject({ ok: z.literal(true) });
const Fail = z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) });
const SignedIn = z.union([Ok.extend({ user: PublicUser }), Fail]);

/** The second factor to set up: the secret as text and as a QR code (an SVG data URL). */
export const OtpSetup = z.strictObject({ secret: z.string(), otpauthUrl: z.string(), qrCode: z.string().startsWith('data:image/svg+xml') });
export type OtpSetup = z.infer<typeof OtpSetup>;

export const accountChannels = {
  /** Sets the new password, then signs in with it (which may ask for a second factor next). */
  'account:changePassword': { request: z.strictObject({ newPassword: Password }), response: SignedIn },
  'account:startOtp': { request: z.strictObject({}).optional(), response: z.union([Ok.extend({ setup: OtpSetup }), Fail]) },
  'account:confirmOtp': { request: z.strictObject({ otp: Otp }), response: z.union([Ok, Fail]) },
  /** The sign-in after enrolment: the held password and the next code from the app. */
  'account:finishSignIn': { request: z.strictObject({ otp: Otp }), response: SignedIn },
  'account:cancelSetup': { request: z.strictObject({}).optional(), response: Ok },
  /** Quits after the hub accepts the password again (asked for by the tray while locked). */
  'app:quit': { request: z.strictObject({ password: Password, otp: Otp.optional() }), response: z.union([Ok, Fail]) },
  'app:cancelQuit': { request: z.strictObject({}).optional(), response: Ok },
} as const;
