/** TOTP second factor (RFC 6238, 30 s steps, one step of drift either way) on the hub's clock. */
import { authenticator } from 'otplib';
import type { Clock } from '../clock.js';

export const newTotpSecret = (): string => authenticator.generateSecret();

export function checkTotp(secret: string, code: string, clock: Clock): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return authenticator.clone({ epoch: clock.now().getTime(), window: 1 }).check(code, secret);
}

/** The current code, for tests and the demo. */
export function totpNow(secret: string, clock: Clock): string {
  return authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);
}
