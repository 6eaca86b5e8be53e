/**
 * The Session: sign-in and sign-out against the hub, the tokens (kept in the credential vault,
 * never given to the renderer), their refresh before they expire, and the idle lock: after the
 * policy's idleLockMinutes without input the console hides criminal-justice information until
 * the user re-enters the password, which the hub checks again.
 */
import { PublicUser, type SessionTokens, type LoginRequest } from '../../shared/protocol/index.js';
import { HubError } from './hub-api.js';
import type { Clock, CredentialVault, IdleSource, Logger, TimerHandle } from './ports.js';

export const REFRESH_TOKEN_ACCOUNT = 'refresh-token';
export const ACCESS_TOKEN_ACCOUNT = 'access-token';
/** The signed-in user (not secret) beside the tokens, so a restart can open the desk offline. */
export const SESSION_USER_ACCOUNT = 'session-user';
const IDLE_CHECK_MS = 15_000;

/** The part of the hub's HTTP API the session uses (HubApi implements it). */
export interface SessionApi {
  signIn(request: LoginRequest): Promise<SessionTokens>;
  refresh(refreshToken: string): Promise<SessionTokens>;
  signOut(accessToken: string): Promise<void>;
}

export interface SessionView {
  signedIn: boolean;
  locked: boolean;
  user?: PublicUser;
}

export type SignInResult = { ok: true; user: PublicUser } | { ok: false; error: { code: string; message: string } };

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
  private readonly listeners = new Set<(view: SessionView) => void>();
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
    return { signedIn: this.user !== null, locked: this.locked, ...(this.user ? { user: this.user } : {}) };
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
    this.startIdleWatch();
    this.emit();
    return true;
  }

  async signIn(request: LoginRequest): Promise<SignInResult> {
    try {
      const tokens = await this.hub().signIn(request);
      await this.accept(tokens);
      this.locked = false;
      this.lastActivity = this.clock.now();
      this.startIdleWatch();
      this.emit();
      return { ok: true, user: tokens.user };
    } catch (err) {
      return { ok: false, error: toError(err) };
    }
  }

  async signOut(): Promise<void> {
    const token = this.accessToken;
    this.clear();
    if (token) await this.hub().signOut(token).catch((err) => this.logger.warn('session: sign-out not confirmed by the hub', { reason: (err as Error).message }));
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
    this.idleLockMinutes = minutes;
  }

  /** Input seen by the renderer (the browser host has no OS idle time). */
  touch(): void {
    this.lastActivity = this.clock.now();
  }

  lock(reason: string): void {
    if (!this.user || this.locked) return;
    this.locked = true;
    this.logger.info('session: console locked', { reason });
    this.emit();
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
      return true;
    } catch (err) {
      if (err instanceof HubError && err.status >= 400 && err.status < 500) {
        this.logger.warn('session: the hub refused the refresh token; signing out', { code: err.code });
        this.clear();
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
    for (const account of [REFRESH_TOKEN_ACCOUNT, ACCESS_TOKEN_ACCOUNT, SESSION_USER_ACCOUNT]) await this.vault.delete(account);
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
