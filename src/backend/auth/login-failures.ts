/**
 * Counting failed sign-ins (CJIS AC-7). Real accounts are counted by the store in one SQL
 * statement, so failures sent at the same moment (on any node) each see the one before: the
 * fifth within 15 minutes locks for 15 minutes, and attempts counted after it are refused as
 * locked. Unknown usernames are counted the same way in memory (bounded; it only has to make the
 * answers indistinguishable, so 423 does not reveal which accounts exist); the count and the
 * check happen with no await between them, so concurrent attempts cannot overwrite each other.
 */
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError } from '../errors.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import type { LoginState, UserStore } from '../store/port.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
const PHANTOM_LIMIT = 10_000;

export class LoginFailures {
  private readonly phantoms = new Map<string, LoginState>();

  constructor(
    private readonly users: UserStore,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
    private readonly metrics: HubMetrics,
  ) {}

  lockedFor(lockedUntil: string | null): number {
    if (!lockedUntil) return 0;
    return Math.max(0, Math.ceil((Date.parse(lockedUntil) - this.clock.now().getTime()) / 1000));
  }

  lockedError(seconds: number): HubError {
    return new HubError(423, 'locked', 'too many failed sign-ins; the account is locked', { retryAfter: Math.max(1, seconds) });
  }

  /** Counts one failure of a real account; `lockedNow` is true for the failure that set the lock. */
  async record(userId: string, actor: { userId: string; username: string; source: string }, reason: string): Promise<{ count: number; lockedNow: boolean; lockedFor: number }> {
    const now = this.clock.now();
    const state = await this.users.recordFailure(userId, {
      now: now.toISOString(),
      windowStart: new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString(),
      lockUntil: new Date(now.getTime() + LOCK_MS).toISOString(),
      max: MAX_FAILURES,
    });
    await this.log.record('login', 'failure', actor, { reason, failedCount: state.failedCount });
    const lockedNow = state.failedCount === MAX_FAILURES;
    if (lockedNow) {
      this.metrics.lockout('existing');
      await this.log.record('lockout', 'success', actor, { lockedUntil: state.lockedUntil });
    }
    return { count: state.failedCount, lockedNow, lockedFor: this.lockedFor(state.lockedUntil) };
  }

  phantomLockedFor(username: string): number {
    return this.lockedFor(this.phantoms.get(username.toLowerCase())?.lockedUntil ?? null);
  }

  /** Counts one failure of an unknown username (synchronously) and answers the count. */
  phantomFailure(username: string): number {
    const key = username.toLowerCase();
    const now = this.clock.now();
    const state = this.phantoms.get(key);
    const windowOpen = state?.firstFailedAt != null && now.getTime() - Date.parse(state.firstFailedAt) < FAILURE_WINDOW_MS;
    const failedCount = windowOpen && state ? state.failedCount + 1 : 1;
    const lockStillOn = state?.lockedUntil != null && Date.parse(state.lockedUntil) > now.getTime();
    const next: LoginState = {
      failedCount,
      firstFailedAt: windowOpen && state ? state.firstFailedAt : now.toISOString(),
      lockedUntil: lockStillOn ? state.lockedUntil : failedCount >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
    };
    if (!lockStillOn && next.lockedUntil !== null) this.metrics.lockout('unknown');
    this.phantoms.delete(key);
    this.phantoms.set(key, next);
    if (this.phantoms.size > PHANTOM_LIMIT) this.phantoms.delete(this.phantoms.keys().next().value as string);
    return failedCount;
  }
}
