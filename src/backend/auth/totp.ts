/**
 * TOTP second factor (RFC 6238, 30 s steps, one step of drift either way) on the hub's clock.
 * `matchTotp` answers the time step the code belongs to, so the caller can refuse a step that was
 * already used (a code is good once, docs/protocol.md 1.1).
 */
import { authenticator } from 'otplib';
import type { Clock } from '../clock.js';

export const TOTP_STEP_MS = 30_000;

export const newTotpSecret = (): string => authenticator.generateSecret();

/** The code's time step (an integer), or undefined when it matches no step in the window. */
export function matchTotp(secret: string, code: string, clock: Clock): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const epoch = clock.now().getTime();
  const delta = authenticator.clone({ epoch, window: 1 }).checkDelta(code, secret);
  return delta === null ? undefined : Math.floor(epoch / TOTP_STEP_MS) + delta;
}

export function checkTotp(secret: string, code: string, clock: Clock): boolean {
  return matchTotp(secret, code, clock) !== undefined;
}

/** The current code, for tests and the demo. */
export function totpNow(secret: string, clock: Clock): string {
  return authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);
}

/** The otpauth:// URL an authenticator app reads from a QR code. */
export function otpauthUrl(username: string, secret: string): string {
  return authenticator.keyuri(username, 'OpenTAS', secret);
}
