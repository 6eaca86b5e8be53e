/**
 * Sign-in, refresh and sign-out. Rules (docs/protocol.md 1.0 and 1.1, CJIS): one answer for unknown user
 * and wrong password, with a full scrypt either way so both take about as long; failures are
 * counted in one SQL statement, so attempts sent together all count: after 5 failures within 15
 * minutes every attempt, with any password, is 423 for 15 minutes, and the lockout ends the
 * user's sessions; a TOTP code is good once; lapsed LEADS certification or training and disabled
 * accounts are refused; refresh tokens rotate and the reuse of a spent one ends the session.
 * A temporary password, or a missing second factor the policy requires, gives a session that may
 * only fix that (the guard enforces it; see `restriction`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginRequest, PublicUser, SessionTokens } from '../../shared/protocol/index.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError, unauthorized } from '../errors.js';
import type { HubStore, UserRecord } from '../store/port.js';
import { ACCESS_TOKEN_SECONDS, type AccessTokens } from './access-tokens.js';
import type { HubKeys } from './hub-keys.js';
import { type LoginFailures, MAX_FAILURES } from './login-failures.js';
import { DECOY_HASH_PROMISE, spentHash, verifyPassword } from './password.js';
import type { SessionEnds } from './session-ends.js';
import { matchTotp } from './totp.js';

export { FAILURE_WINDOW_MS, LOCK_MS, MAX_FAILURES } from './login-failures.js';
export const REFRESH_TOKEN_MS = 12 * 3600_000;
const TRAINING_VALID_MS = 2 * 365.25 * 24 * 3600_000;

export const publicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  unit: u.unit,
});

/**
 * The signed-in user of a session answer: the version 1 fields, and (an addition, docs/protocol.md
 * "Domains") `domain` for a motor-carrier user, whose desk shows it; the default `general` is left out.
 */
export const sessionUser = (u: UserRecord): PublicUser => ({ ...publicUser(u), ...(u.domain === 'motor_carrier' ? { domain: u.domain } : {}) });

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** LEADS certification current and ALPR training renewed within two years (ENF-051 IV.E.1-2). */
export function certified(user: Pick<UserRecord, 'leadsCertifiedUntil' | 'trainingCompletedAt'>, now: Date): boolean {
  return now.getTime() < certifiedUntil(user);
}

/** The first moment (ms) the user is no longer certified: the earlier of the two lapses (NaN never is). */
export function certifiedUntil(user: Pick<UserRecord, 'leadsCertifiedUntil' | 'trainingCompletedAt'>): number {
  return Math.min(Date.parse(user.leadsCertifiedUntil), Date.parse(user.trainingCompletedAt) + TRAINING_VALID_MS);
}

export const certificationExpired = (): HubError =>
  new HubError(403, 'certification_expired', 'your LEADS certification or ALPR training has lapsed; see your coordinator');

export const accountDisabled = (): HubError => new HubError(403, 'account_disabled', 'this account is disabled; see your administrator');

const badCredentials = (): HubError => new HubError(401, 'bad_credentials', 'unknown user or wrong password');

/** The policy's `mfaRequired` (1.1); a policy stored by an older hub has none, which reads false. */
const mfaRequired = (policy: object): boolean => (policy as { mfaRequired?: unknown }).mfaRequired === true;

/** What a session may do until the user fixes it (docs/protocol.md 1.1), or undefined when nothing. */
export async function restriction(store: HubStore, user: UserRecord): Promise<'password_change_required' | 'otp_enrollment_required' | undefined> {
  if (user.mustChangePassword) return 'password_change_required';
  if (!user.totpSecret && mfaRequired(await store.policy.get())) return 'otp_enrollment_required';
  return undefined;
}

export class SessionDesk {
  constructor(
    private readonly store: HubStore,
    private readonly tokens: AccessTokens,
    private readonly keys: HubKeys,
    private readonly ends: SessionEnds,
    private readonly failures: LoginFailures,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
  ) {}

  async login(req: LoginRequest, source: string): Promise<SessionTokens> {
    const user = await this.store.users.byName(req.username);
    if (!user) return this.phantomLogin(req, source);
    const actor = { userId: user.id, username: user.username, source };
    const locked = this.failures.lockedFor(user.lockedUntil);
    if (locked > 0) {
      await this.log.record('login', 'refused', actor, { reason: 'locked' });
      throw this.failures.lockedError(locked);
    }
    if (!(await verifyPassword(user.passwordHash, req.password))) {
      await this.fail(user, actor, 'bad_password');
      throw badCredentials();
    }
    if (user.totpSecret) {
      if (!req.otp) {
        await this.log.record('login', 'refused', actor, { reason: 'otp_required' });
        throw new HubError(401, 'otp_required', 'enter the code from your authenticator');
      }
      const step = matchTotp(this.keys.open(user.totpSecret), req.otp, this.clock);
      // A code already used (or older than the last one used) is refused like a wrong one.
      if (step === undefined || !(await this.store.users.useTotpStep(user.id, step))) {
        await this.fail(user, actor, step === undefined ? 'otp_invalid' : 'otp_reused');
        throw new HubError(401, 'otp_invalid', 'the authenticator code is wrong, expired or already used');
      }
    }
    if (!certified(user, this.clock.now())) {
      await this.log.record('login', 'refused', actor, { reason: 'certification_expired' });
      throw certificationExpired();
    }
    if (user.disabled) {
      await this.log.record('login', 'refused', actor, { reason: 'disabled' });
      throw accountDisabled();
    }
    // Atomic: if failures sent at the same time locked the account meanwhile, this one loses too.
    if (!(await this.store.users.recordSignIn(user.id, this.clock.now().toISOString()))) {
      await this.log.record('login', 'refused', actor, { reason: 'locked' });
      throw this.failures.lockedError(this.failures.lockedFor((await this.store.users.byId(user.id))?.lockedUntil ?? null));
    }
    // A temporary password signs in once (docs/protocol.md 1.1): of two racing sign-ins only one spends it.
    if (user.mustChangePassword && !(await this.store.users.swapPasswordHash(user.id, user.passwordHash, spentHash(user.passwordHash)))) {
      await this.log.record('login', 'refused', actor, { reason: 'temporary_password_spent' });
      throw badCredentials();
    }
    await this.log.record('login', 'success', actor, user.mustChangePassword ? { temporaryPassword: true } : undefined);
    const sessionId = randomUUID();
    await this.store.sessions.start({ id: sessionId, userId: user.id, createdAt: this.clock.now().toISOString() });
    return this.issue(user, sessionId);
  }

  private async phantomLogin(req: LoginRequest, source: string): Promise<never> {
    const actor = { username: req.username, source };
    const locked = this.failures.phantomLockedFor(req.username);
    if (locked > 0) {
      await this.log.record('login', 'refused', actor, { reason: 'locked', unknownUser: true });
      throw this.failures.lockedError(locked);
    }
    await verifyPassword(await DECOY_HASH_PROMISE, req.password);
    const count = this.failures.phantomFailure(req.username);
    await this.log.record('login', 'failure', actor, { reason: 'unknown_user', failedCount: count });
    if (count > MAX_FAILURES) throw this.failures.lockedError(this.failures.phantomLockedFor(req.username));
    throw badCredentials();
  }

  async refresh(refreshToken: string, source: string): Promise<SessionTokens> {
    const hash = tokenHash(refreshToken);
    const record = await this.store.sessions.token(hash);
    if (!record) throw unauthorized('unknown refresh token');
    const user = await this.store.users.byId(record.userId);
    const actor = { userId: record.userId, username: user?.username ?? null, source };
    if (!(await this.store.sessions.isActive(record.familyId))) throw unauthorized('this session has ended');
    const now = this.clock.now();
    if (record.usedAt || !(await this.store.sessions.useToken(hash, now.toISOString()))) {
      // A spent token presented again means it was copied: end the session it belongs to.
      await this.ends.endOne(record.familyId, 'token_reuse');
      await this.log.record('token_reuse', 'refused', actor, { family: record.familyId });
      throw unauthorized('refresh token already used; the session has been revoked');
    }
    if (Date.parse(record.expiresAt) <= now.getTime()) throw unauthorized('refresh token expired');
    if (!user) throw unauthorized('account removed');
    if (user.disabled) throw accountDisabled();
    const locked = this.failures.lockedFor(user.lockedUntil);
    if (locked > 0) throw this.failures.lockedError(locked);
    if (!certified(user, now)) {
      await this.ends.endUser(user.id, 'certification_expired');
      throw certificationExpired();
    }
    await this.log.record('refresh', 'success', actor);
    return this.issue(user, record.familyId);
  }

  async logout(userId: string, username: string, sessionId: string, source: string): Promise<void> {
    await this.ends.endOne(sessionId, 'logout');
    await this.log.record('logout', 'success', { userId, username, source });
  }

  private async issue(user: UserRecord, familyId: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.store.sessions.addToken({
      tokenHash: tokenHash(refreshToken),
      familyId,
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_MS).toISOString(),
    });
    const accessToken = await this.tokens.issue({ userId: user.id, username: user.username, roles: user.roles, sessionId: familyId });
    const limited = await restriction(this.store, user);
    return {
      accessToken,
      refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
      user: sessionUser(user),
      ...(limited === 'password_change_required' ? { mustChangePassword: true } : {}),
      ...(limited === 'otp_enrollment_required' ? { mustEnrollOtp: true } : {}),
    };
  }

  /** Counts a failure; the one that reaches 5 locks the account and ends its sessions. */
  private async fail(user: UserRecord, actor: { userId: string; username: string; source: string }, reason: string): Promise<void> {
    const { count, lockedNow, lockedFor } = await this.failures.record(user.id, actor, reason);
    if (lockedNow) await this.ends.endUser(user.id, 'locked');
    // The attempts past the fifth arrived while the lock was being set: they are refused as locked.
    if (count > MAX_FAILURES) throw this.failures.lockedError(lockedFor);
  }
}
