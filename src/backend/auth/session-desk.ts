/**
 * Sign-in, refresh and sign-out. Rules (PROTOCOL.md, CJIS): one answer for unknown user and wrong
 * password, with a full scrypt either way so both take about as long; 5 failures within 15 minutes
 * lock the account for 15 minutes; a second factor when the user has one; lapsed LEADS
 * certification or training older than two years refused; refresh tokens rotate and the reuse of a
 * spent one revokes its whole family.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginRequest, PublicUser, SessionTokens } from '../../shared/protocol/index.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError, unauthorized } from '../errors.js';
import type { HubStore, LoginState, UserRecord } from '../store/port.js';
import { ACCESS_TOKEN_SECONDS, type AccessTokens } from './access-tokens.js';
import { DECOY_HASH_PROMISE, verifyPassword } from './password.js';
import { checkTotp } from './totp.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const REFRESH_TOKEN_MS = 12 * 3600_000;
const TRAINING_VALID_MS = 2 * 365.25 * 24 * 3600_000;

export const publicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  unit: u.unit,
});

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const badCredentials = (): HubError => new HubError(401, 'bad_credentials', 'unknown user or wrong password');

/** The next login state after one more failure (the window restarts after 15 minutes). */
function afterFailure(state: LoginState, now: Date): LoginState {
  const windowOpen = state.firstFailedAt !== null && now.getTime() - Date.parse(state.firstFailedAt) < FAILURE_WINDOW_MS;
  const failedCount = windowOpen ? state.failedCount + 1 : 1;
  const firstFailedAt = windowOpen ? state.firstFailedAt : now.toISOString();
  const lockedUntil = failedCount >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
  return { failedCount, firstFailedAt, lockedUntil };
}

const PHANTOM_LIMIT = 10_000;

export class SessionDesk {
  /** Told when a session ends (logout, token reuse) so its open sockets can be closed. */
  onSessionEnded: (sessionId: string) => void = () => {};
  /**
   * Failure counts for names that are not accounts, so an unknown user locks exactly like a real
   * one and the 423 cannot be used to find out which usernames exist. In memory and bounded: it
   * only has to be indistinguishable, not durable.
   */
  private readonly phantoms = new Map<string, LoginState>();

  constructor(
    private readonly store: HubStore,
    private readonly tokens: AccessTokens,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
  ) {}

  async login(req: LoginRequest, source: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const user = await this.store.users.byName(req.username);
    if (!user) return this.phantomLogin(req, source, now);
    const actor = { userId: user.id, username: user.username, source };
    const locked = this.lockedFor(user, now);
    if (locked > 0) {
      await this.log.record('login', 'refused', actor, { reason: 'locked' });
      throw this.lockedError(locked);
    }
    if (!(await verifyPassword(user.passwordHash, req.password))) {
      await this.fail(user, now, actor, 'bad_password');
      throw badCredentials();
    }
    if (user.totpSecret) {
      if (!req.otp) {
        await this.log.record('login', 'refused', actor, { reason: 'otp_required' });
        throw new HubError(401, 'otp_required', 'enter the code from your authenticator');
      }
      if (!checkTotp(user.totpSecret, req.otp, this.clock)) {
        await this.fail(user, now, actor, 'otp_invalid');
        throw new HubError(401, 'otp_invalid', 'the authenticator code is wrong or expired');
      }
    }
    if (!this.certified(user, now)) {
      await this.log.record('login', 'refused', actor, { reason: 'certification_expired' });
      throw new HubError(403, 'certification_expired', 'your LEADS certification or ALPR training has lapsed; see your coordinator');
    }
    await this.store.users.setLoginState(user.id, { failedCount: 0, firstFailedAt: null, lockedUntil: null });
    await this.log.record('login', 'success', actor);
    return this.issue(user, randomUUID());
  }

  private async phantomLogin(req: LoginRequest, source: string, now: Date): Promise<never> {
    const key = req.username.toLowerCase();
    const state = this.phantoms.get(key) ?? { failedCount: 0, firstFailedAt: null, lockedUntil: null };
    const locked = state.lockedUntil ? Math.ceil((Date.parse(state.lockedUntil) - now.getTime()) / 1000) : 0;
    if (locked > 0) {
      await this.log.record('login', 'refused', { username: req.username, source }, { reason: 'locked', unknownUser: true });
      throw this.lockedError(locked);
    }
    await verifyPassword(await DECOY_HASH_PROMISE, req.password);
    const next = afterFailure(locked < 0 ? { failedCount: 0, firstFailedAt: null, lockedUntil: null } : state, now);
    this.phantoms.delete(key);
    this.phantoms.set(key, next);
    if (this.phantoms.size > PHANTOM_LIMIT) this.phantoms.delete(this.phantoms.keys().next().value as string);
    await this.log.record('login', 'failure', { username: req.username, source }, { reason: 'unknown_user', failedCount: next.failedCount });
    if (next.lockedUntil) throw this.lockedError(LOCK_MS / 1000);
    throw badCredentials();
  }

  async refresh(refreshToken: string, source: string): Promise<SessionTokens> {
    const hash = tokenHash(refreshToken);
    const record = await this.store.sessions.token(hash);
    if (!record) throw unauthorized('unknown refresh token');
    const user = await this.store.users.byId(record.userId);
    const actor = { userId: record.userId, username: user?.username ?? null, source };
    if (await this.store.sessions.isRevoked(record.familyId)) throw unauthorized('this session has ended');
    const now = this.clock.now();
    if (record.usedAt || !(await this.store.sessions.useToken(hash, now.toISOString()))) {
      // A spent token presented again means it was copied: end every token of the family.
      await this.store.sessions.revokeFamily(record.familyId, now.toISOString());
      this.onSessionEnded(record.familyId);
      await this.log.record('token_reuse', 'refused', actor, { family: record.familyId });
      throw unauthorized('refresh token already used; the session has been revoked');
    }
    if (Date.parse(record.expiresAt) <= now.getTime()) throw unauthorized('refresh token expired');
    if (!user) throw unauthorized('account removed');
    if (this.lockedFor(user, now) > 0) throw this.lockedError(this.lockedFor(user, now));
    if (!this.certified(user, now)) throw new HubError(403, 'certification_expired', 'your LEADS certification or ALPR training has lapsed');
    await this.log.record('refresh', 'success', actor);
    return this.issue(user, record.familyId);
  }

  async logout(userId: string, username: string, sessionId: string, source: string): Promise<void> {
    await this.store.sessions.revokeFamily(sessionId, this.clock.now().toISOString());
    this.onSessionEnded(sessionId);
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
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, user: publicUser(user) };
  }

  private lockedFor(user: UserRecord, now: Date): number {
    if (!user.lockedUntil) return 0;
    return Math.max(0, Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000));
  }

  private lockedError(seconds: number): HubError {
    return new HubError(423, 'locked', 'too many failed sign-ins; the account is locked', { retryAfter: seconds });
  }

  private certified(user: UserRecord, now: Date): boolean {
    return Date.parse(user.leadsCertifiedUntil) > now.getTime() && now.getTime() - Date.parse(user.trainingCompletedAt) < TRAINING_VALID_MS;
  }

  /** Counts a failure; the fifth within the window locks the account (and answers 423 at once). */
  private async fail(user: UserRecord, now: Date, actor: { userId: string; username: string; source: string }, reason: string): Promise<void> {
    const next = afterFailure(user, now);
    await this.store.users.setLoginState(user.id, next);
    await this.log.record('login', 'failure', actor, { reason, failedCount: next.failedCount });
    if (next.lockedUntil) {
      await this.log.record('lockout', 'success', actor, { lockedUntil: next.lockedUntil });
      throw this.lockedError(LOCK_MS / 1000);
    }
  }
}
