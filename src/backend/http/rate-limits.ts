/**
 * Rate limits on the routes that check a secret (sign-in, password change, TOTP confirmation),
 * with @fastify/rate-limit; they answer 429 `rate_limited` with `retryAfter` seconds. Two keys:
 *
 * - per address: password spraying from one machine across many usernames. Loopback is exempt
 *   by default: there every client is this host or a TLS proxy in front of the hub, which would
 *   put all desks behind one counter (set `exemptLoopback: false` to count it too);
 * - per username (sign-in only): one account hammered from many addresses. The lockout already
 *   stops guessing after 5 failures; this bounds the load and the audit noise of the rest.
 *
 * Never mounted on ingest (`POST /hits`): adapters post thousands of hits a minute from one address.
 * Counters are per hub node, in memory; a limit is a brake, not a record (the audit trail is that).
 */
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { HubError } from '../errors.js';

export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  perAddress: Limit;
  perUsername: Limit;
  exemptLoopback: boolean;
}

/** Production defaults: well above what a desk or a shift change sends, far below what a script does. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: { max: 60, windowMs: 60_000 },
  perUsername: { max: 20, windowMs: 15 * 60_000 },
  exemptLoopback: true,
};

const isLoopback = (ip: string): boolean => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

const tooMany = (seconds: number): HubError =>
  new HubError(429, 'rate_limited', 'too many attempts; wait before trying again', { retryAfter: Math.max(1, seconds) });

function usernameOf(req: FastifyRequest): string {
  const body = req.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '';
}

export interface SecretRouteLimits {
  /** For sign-in: per address and per username. */
  signIn: preHandlerHookHandler;
  /** For the other routes that check a secret: per address. */
  perAddress: preHandlerHookHandler;
}

/**
 * Builds the limit hooks; the plugin must be registered on `app` (or a parent) with `global:
 * false`. Its `rateLimit()` hooks run only once per request (a second one is skipped), so both
 * counters are checked here, with `createRateLimit`, in one hook.
 */
export function secretRouteLimits(app: FastifyInstance, limits: RateLimits): SecretRouteLimits {
  const address = app.createRateLimit({
    max: limits.perAddress.max,
    timeWindow: limits.perAddress.windowMs,
    allowList: (req) => limits.exemptLoopback && isLoopback(req.ip),
  });
  const username = app.createRateLimit({
    max: limits.perUsername.max,
    timeWindow: limits.perUsername.windowMs,
    keyGenerator: (req) => `user:${usernameOf(req)}`,
  });
  const check = async (req: FastifyRequest, limiters: (typeof address)[]): Promise<void> => {
    let wait = 0;
    for (const limiter of limiters) {
      const r = await limiter(req);
      if (!r.isAllowed && r.isExceeded) wait = Math.max(wait, r.ttlInSeconds);
    }
    if (wait > 0) throw tooMany(wait);
  };
  return {
    signIn: async (req) => check(req, [address, username]),
    perAddress: async (req) => check(req, [address]),
  };
}
