/** Everything a request handler or the stream may use, built once by `startHub` (the composition root). */
import type { AlertFeed } from './alerts/alert-feed.js';
import type { Audience } from './alerts/audience.js';
import type { HitIngest } from './alerts/hit-ingest.js';
import type { SecurityLog } from './audit/security-log.js';
import type { AccessTokens } from './auth/access-tokens.js';
import type { Accounts } from './auth/accounts.js';
import type { Authenticator } from './auth/authenticator.js';
import type { HubKeys } from './auth/hub-keys.js';
import type { OwnAccount } from './auth/own-account.js';
import type { SessionDesk } from './auth/session-desk.js';
import type { SessionEnds } from './auth/session-ends.js';
import type { Clock } from './clock.js';
import type { HubEvents } from './hub-events.js';
import type { RateLimits } from './http/rate-limits.js';
import type { PolicyDesk } from './routing/policy-desk.js';
import type { ZoneDesk } from './routing/zone-desk.js';
import type { HubStore } from './store/port.js';

export interface HubContext {
  version: string;
  banner: string;
  store: HubStore;
  clock: Clock;
  tokens: AccessTokens;
  /** Who holds an access token: one check for the HTTP routes and the stream. */
  authenticator: Authenticator;
  sessions: SessionDesk;
  /** Ends sessions in the store and tells the sockets (docs/protocol.md 1.1 `session_ended`). */
  sessionEnds: SessionEnds;
  ownAccount: OwnAccount;
  /** Limits on the routes that check a secret (sign-in, password, TOTP). */
  rateLimits: RateLimits;
  keys: HubKeys;
  accounts: Accounts;
  securityLog: SecurityLog;
  feed: AlertFeed;
  audience: Audience;
  ingest: HitIngest;
  /** What happened that other parts react to (routing changes); the stream listens. */
  events: HubEvents;
  zoneDesk: ZoneDesk;
  policyDesk: PolicyDesk;
  /** Desks connected to this hub node now (GET /health). */
  connectedDesks(): number;
}
