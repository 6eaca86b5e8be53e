/**
 * What a signed-in user does to their own account (docs/protocol.md 1.1): change the password (the
 * user's other sessions end) and enrol a TOTP second factor (a secret, sealed, pending until a
 * code from it is confirmed; from then on sign-in requires a code). A wrong current password
 * counts as a failed sign-in, so a stolen token cannot be used to guess the password.
 */
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError } from '../errors.js';
import type { HubStore } from '../store/port.js';
import type { Principal } from './access-tokens.js';
import type { HubKeys } from './hub-keys.js';
import type { LoginFailures } from './login-failures.js';
import { hashPassword, passwordProblem, unspent, verifyPassword } from './password.js';
import type { SessionEnds } from './session-ends.js';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

export class OwnAccount {
  constructor(
    private readonly store: HubStore,
    private readonly keys: HubKeys,
    private readonly ends: SessionEnds,
    private readonly failures: LoginFailures,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
  ) {}

  async changePassword(me: Principal, currentPassword: string, newPassword: string, source: string): Promise<void> {
    const user = await this.store.users.byId(me.userId);
    if (!user) throw new HubError(401, 'unauthorized', 'account removed');
    const actor = { userId: user.id, username: user.username, source };
    if (!(await verifyPassword(unspent(user.passwordHash), currentPassword))) {
      const { lockedNow } = await this.failures.record(user.id, actor, 'bad_current_password');
      if (lockedNow) await this.ends.endUser(user.id, 'locked');
      throw new HubError(403, 'wrong_password', 'the current password is wrong');
    }
    const problem = passwordProblem(newPassword);
    if (problem) throw new HubError(400, 'weak_password', problem);
    if (newPassword === currentPassword) throw new HubError(400, 'weak_password', 'choose a password other than the current one');
    await this.store.users.setPassword(user.id, await hashPassword(newPassword), false);
    const ended = await this.ends.endUser(user.id, 'password_changed', me.sessionId);
    await this.log.record('password_change', 'success', actor, { otherSessionsEnded: ended, wasTemporary: user.mustChangePassword });
  }

  async beginOtp(me: Principal, source: string): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    await this.store.users.setTotp(me.userId, { pending: this.keys.seal(secret) });
    await this.log.record('otp_enrol_start', 'success', { userId: me.userId, username: me.username, source });
    return { secret, otpauthUrl: otpauthUrl(me.username, secret) };
  }

  async confirmOtp(me: Principal, otp: string, source: string): Promise<void> {
    const user = await this.store.users.byId(me.userId);
    const actor = { userId: me.userId, username: me.username, source };
    if (!user?.totpPendingSecret) throw new HubError(409, 'otp_not_started', 'start the enrolment first (POST /me/otp)');
    const step = matchTotp(this.keys.open(user.totpPendingSecret), otp, this.clock);
    if (step === undefined) {
      await this.log.record('otp_enrol_confirm', 'failure', actor);
      throw new HubError(400, 'otp_invalid', 'the authenticator code is wrong or expired');
    }
    await this.store.users.setTotp(user.id, { confirmed: user.totpPendingSecret });
    // The code that confirmed the enrolment is spent: it cannot also be used to sign in.
    await this.store.users.useTotpStep(user.id, step);
    await this.log.record('otp_enrol_confirm', 'success', actor, { replaced: user.totpSecret !== null });
  }
}
