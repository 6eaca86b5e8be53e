/**
 * The Session: sign-in and sign-out against the hub, the tokens (kept in the credential vault,
 * never given to the renderer), their refresh before they expire, and the idle lock: after the
 * policy's idleLockMinutes without input the console hides criminal-justice information until
 * the user re-enters the password, which the hub checks again. The lock outlives a restart: its
 * state and the last input time are kept in the vault, so quitting is no way around it.
 * 1.1: a sign-in the hub answers with `mustChangePassword` or `mustEnrollOtp` is not a session
 * yet: its restricted token is held here (for AccountSetup) and the desk stays closed. A session
 * the hub ends (`session_ended`, or a refused refresh) returns to sign-in with the reason.
 */
import { z } from 'zod';
import { PublicUser, SESSION_END_REASONS, type SessionTokens, type LoginRequest } from '../../shared/protocol/index.js';
import { HubError } from '../../shared/hub-error.js';
import type { Clock, CredentialVault, IdleSource, Logger, TimerHandle } from './ports.js';

export const REFRESH_TOKEN_ACCOUNT = 'refresh-token';
export const ACCESS_TOKEN_ACCOUNT = 'access-token';
/** The signed-in user (not secret) beside the tokens, so a restart can open the desk offline. */
export const SESSION_USER_ACCOUNT = 'session-user';
/** The console lock (not secret, but kept with the session so it survives a restart). */
export const LOCK_STATE_ACCOUNT = 'session-lock';
/** The last input time is written at most this often (each write may reach the OS keychain). */
const ACTIVITY_PERSIST_MS = 60_000;
const IDLE_CHECK_MS = 15_000;

/** The part of the hub's HTTP API the session uses (HubApi implements it). */
export interface SessionApi {
  signIn(request: LoginRequest): Promise<SessionTokens>;
  refresh(refreshToken: string): Promise<SessionTokens>;
  signOut(accessToken: string): Promise<void>;
}

/** What a restricted sign-in still needs before it is a session. */
export type SetupStep = 'change_password' | 'enroll_otp' | 'next_otp';

export interface SessionView {
  signedIn: boolean;
  locked: boolean;
  user?: PublicUser;
  step?: SetupStep;
  /** Why the last session ended without the user signing out (a `session_ended` reason, or the hub's refusal code). */
  ended?: string;
}

/** A sign-in the hub accepted only for setting a new password or a second factor. */
export interface RestrictedSignIn {
  step: SetupStep;
  username: string;
  /** Held only until the setup finishes: the new sign-in that follows it needs it. */
  password: string;
  token: string;
}

export type SignInResult = { ok: true; user: PublicUser } | { ok: false; error: { code: string; message: string } };

const LockState = z.object({ locked: z.boolean(), lastActivityAt: z.number(), idleLockMinutes: z.number().int().min(1) });

export class Session {
  private user: PublicUser | null = null;
  private accessToken: string | null = null;
  private expiresAt = 0;
  private locked = false;
  private lastActivity: number;
  private refreshTimer: TimerHandle | null = null;
  private idleTimer: TimerHandle | null = null;
  private refreshing: Promise<boolean> | null = null;
  private idleLockMinutes = 30;
  private restricted: RestrictedSignIn | null = null;
  private ended: string | null = null;
  private lastPersisted = 0;
  private readonly listeners = new Set<(view: SessionView) => void>();
  private readonly tokenListeners = new Set<(token: string) => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly hub: () => SessionApi,
    private readonly vault: CredentialVault,
    private readonly clock: Clock,
    private readonly idle: IdleSource,
    private readonly logger: Logger,
  ) {
    this.lastActivity = clock.now();
    // The OS locking the screen or going to sleep locks the console at once.
    this.unsubscribe.push(idle.onIdle(() => this.lock('the system went idle')));
  }

  view(): SessionView {
    return {
      signedIn: this.user !== null,
      locked: this.locked,
      ...(this.user ? { user: this.user } : {}),
      ...(this.restricted && !this.user ? { step: this.restricted.step } : {}),
      ...(this.ended && !this.user ? { ended: this.ended } : {}),
    };
  }

  /** The restricted sign-in waiting for a new password or a second factor, if any. */
  restrictedSignIn(): RestrictedSignIn | null {
    return this.restricted;
  }

  /** After the second factor is confirmed, the next sign-in needs the password again and a new code. */
  awaitNextOtp(): void {
    if (!this.restricted) return;
    this.restricted = { ...this.restricted, step: 'next_otp' };
    this.emit();
  }

  /** Gives up a restricted sign-in (the user goes back to the sign-in form). */
  cancelSetup(): void {
    if (!this.restricted) return;
    this.restricted = null;
    this.emit();
  }

  /** Called with each new access token of this session (the stream re-authenticates with it). */
  onTokenRefreshed(listener: (token: string) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  currentUser(): PublicUser | null {
    return this.user;
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resumes the session kept in the vault (a restart), even while the hub is unreachable: the
   * desk opens with the stored user and the tokens are refreshed before first use. False when
   * there is no stored session.
   */
  async restore(): Promise<boolean> {
    const refreshToken = await this.vault.get(REFRESH_TOKEN_ACCOUNT);
    const storedUser = await this.vault.get(SESSION_USER_ACCOUNT);
    if (!refreshToken || !storedUser) return false;
    const user = PublicUser.safeParse(safeJson(storedUser));
    if (!user.success) return false;
    this.user = user.data;
    this.accessToken = await this.vault.get(ACCESS_TOKEN_ACCOUNT);
    this.expiresAt = 0;
    await this.restoreLock();
    this.startIdleWatch();
    this.emit();
    return true;
  }

  async signIn(request: LoginRequest): Promise<SignInResult> {
    try {
      const tokens = await this.hub().signIn(request);
      if (tokens.mustChangePassword || tokens.mustEnrollOtp) return this.restrict(request, tokens);
      await this.accept(tokens);
      this.restricted = null;
      this.ended = null;
      this.locked = false;
      this.lastActivity = this.clock.now();
      await this.persistLock();
      this.startIdleWatch();
      this.emit();
      return { ok: true, user: tokens.user };
    } catch (err) {
      return { ok: false, error: toError(err) };
    }
  }

  /** Signs out; `note` is shown on the sign-in screen as why (e.g. `local_data_deleted`). */
  async signOut(note?: string): Promise<void> {
    const token = this.accessToken;
    this.restricted = null;
    this.ended = note ?? null;
    this.clear();
    if (token) await this.hub().signOut(token).catch((err) => this.logger.warn('session: sign-out not confirmed by the hub', { reason: (err as Error).message }));
    await this.forget();
    this.emit();
  }

  /**
   * The hub ended this session (`session_ended`): forget it and return to sign-in with the
   * reason. The hub already refuses its tokens, so there is nothing to sign out there.
   */
  async end(reason: string): Promise<void> {
    if (!this.user) return;
    this.logger.warn('session: the hub ended the session', { reason });
    this.clear();
    this.ended = reason;
    await this.forget();
    this.emit();
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  async token(): Promise<string | null> {
    if (!this.user) return null;
    if (this.clock.now() > this.expiresAt - 30_000) await this.refreshNow();
    return this.user ? this.accessToken : null;
  }

  /** Refreshes the tokens now (before expiry, or after the stream said `token_expired`). */
  refreshNow(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  setIdleLockMinutes(minutes: number): void {
    if (minutes === this.idleLockMinutes) return;
    this.idleLockMinutes = minutes;
    void this.persistLock();
  }

  /** Input seen by the renderer (the browser host has no OS idle time). */
  touch(): void {
    this.lastActivity = this.clock.now();
    if (this.user && !this.locked && this.lastActivity - this.lastPersisted >= ACTIVITY_PERSIST_MS) void this.persistLock();
  }

  lock(reason: string): void {
    if (!this.user || this.locked) return;
    this.locked = true;
    this.logger.info('session: console locked', { reason });
    void this.persistLock();
    this.emit();
  }

  /** Writes the lock state and the last input time now (before the app stops, for one). */
  async persistLock(): Promise<void> {
    if (!this.user) return;
    this.lastPersisted = this.clock.now();
    const state = { locked: this.locked, lastActivityAt: this.lastActivity, idleLockMinutes: this.idleLockMinutes };
    await this.vault.set(LOCK_STATE_ACCOUNT, JSON.stringify(state)).catch((err: Error) => this.logger.warn('session: could not keep the lock state', { reason: err.message }));
  }

  /** Unlocks after the hub accepts the password again (a fresh sign-in of the same user). */
  async unlock(password: string, otp?: string): Promise<SignInResult> {
    if (!this.user) return { ok: false, error: { code: 'signed_out', message: 'Not signed in.' } };
    const result = await this.signIn({ username: this.user.username, password, ...(otp ? { otp } : {}) });
    if (result.ok) this.logger.info('session: console unlocked');
    return result;
  }

  dispose(): void {
    this.stopTimers();
    for (const off of this.unsubscribe) off();
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = await this.vault.get(REFRESH_TOKEN_ACCOUNT);
    if (!refreshToken) return false;
    try {
      const tokens = await this.hub().refresh(refreshToken);
      if (!this.user) return false; // signed out while the refresh was in flight
      await this.accept(tokens);
      for (const listener of this.tokenListeners) listener(tokens.accessToken);
      return true;
    } catch (err) {
      if (err instanceof HubError && err.status >= 400 && err.status < 500) {
        this.logger.warn('session: the hub refused the refresh token; signing out', { code: err.code });
        const wasSignedIn = this.user !== null;
        this.clear();
        if (wasSignedIn) this.ended = (SESSION_END_REASONS as readonly string[]).includes(err.code) ? err.code : 'refused';
        await this.forget();
        this.emit();
        return false;
      }
      // The hub is unreachable: keep the session, try again soon.
      this.logger.warn('session: refresh failed, will retry', { reason: (err as Error).message });
      this.scheduleRefresh(10_000);
      return false;
    }
  }

  private async accept(tokens: SessionTokens): Promise<void> {
    await this.vault.set(REFRESH_TOKEN_ACCOUNT, tokens.refreshToken);
    await this.vault.set(ACCESS_TOKEN_ACCOUNT, tokens.accessToken);
    await this.vault.set(SESSION_USER_ACCOUNT, JSON.stringify(tokens.user));
    this.user = tokens.user;
    this.accessToken = tokens.accessToken;
    this.expiresAt = this.clock.now() + tokens.expiresIn * 1000;
    // Refresh at 80% of the lifetime, so a slow hub still answers before the token lapses.
    this.scheduleRefresh(Math.max(5_000, tokens.expiresIn * 800));
  }

  private restrict(request: LoginRequest, tokens: SessionTokens): SignInResult {
    const step: SetupStep = tokens.mustChangePassword ? 'change_password' : 'enroll_otp';
    this.restricted = { step, username: request.username, password: request.password, token: tokens.accessToken };
    this.ended = null;
    this.logger.info('session: the hub asks for a setup step before the session starts', { step });
    this.emit();
    return step === 'change_password'
      ? { ok: false, error: { code: 'password_change_required', message: 'Choose a new password to finish signing in.' } }
      : { ok: false, error: { code: 'otp_enrollment_required', message: 'Set up your authenticator app to finish signing in.' } };
  }

  /**
   * A restart starts locked when the console was locked, or when the time since the last input
   * (while the app was not running too) has passed the idle limit. No record: locked, to be safe.
   */
  private async restoreLock(): Promise<void> {
    const stored = LockState.safeParse(safeJson((await this.vault.get(LOCK_STATE_ACCOUNT)) ?? ''));
    if (!stored.success) {
      this.locked = true;
      this.logger.info('session: no lock state kept; starting locked');
      return;
    }
    this.idleLockMinutes = stored.data.idleLockMinutes;
    const idleMs = this.clock.now() - stored.data.lastActivityAt;
    this.locked = stored.data.locked || idleMs >= stored.data.idleLockMinutes * 60_000;
    if (!this.locked) this.lastActivity = stored.data.lastActivityAt;
    if (this.locked) this.logger.info('session: restored locked', { wasLocked: stored.data.locked, idleMinutes: Math.floor(idleMs / 60_000) });
  }

  private scheduleRefresh(ms: number): void {
    if (this.refreshTimer) this.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = this.clock.setTimeout(() => {
      this.refreshTimer = null;
      if (this.user) void this.refreshNow();
    }, ms);
  }

  private startIdleWatch(): void {
    if (this.idleTimer) return;
    const check = (): void => {
      this.idleTimer = null;
      if (!this.user) return;
      const idleSeconds = Math.min(this.idle.idleSeconds(), (this.clock.now() - this.lastActivity) / 1000);
      if (idleSeconds >= this.idleLockMinutes * 60) this.lock(`idle for ${this.idleLockMinutes} minutes`);
      this.idleTimer = this.clock.setTimeout(check, IDLE_CHECK_MS);
    };
    this.idleTimer = this.clock.setTimeout(check, IDLE_CHECK_MS);
  }

  private async forget(): Promise<void> {
    for (const account of [REFRESH_TOKEN_ACCOUNT, ACCESS_TOKEN_ACCOUNT, SESSION_USER_ACCOUNT, LOCK_STATE_ACCOUNT]) await this.vault.delete(account);
  }

  private clear(): void {
    this.user = null;
    this.accessToken = null;
    this.locked = false;
    this.stopTimers();
  }

  private stopTimers(): void {
    if (this.refreshTimer) this.clock.clearTimeout(this.refreshTimer);
    if (this.idleTimer) this.clock.clearTimeout(this.idleTimer);
    this.refreshTimer = null;
    this.idleTimer = null;
  }

  private emit(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toError(err: unknown): { code: string; message: string } {
  if (err instanceof HubError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'Sign-in failed.' };
}
