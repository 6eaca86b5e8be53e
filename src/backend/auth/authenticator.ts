/**
 * Who holds this access token, asked the same way by the HTTP routes and the alert stream: the token's
 * signature and expiry, its session still active (an allow-list: an unknown session is refused), the
 * account still there and enabled, its LEADS certification and training current, and no restriction
 * that limits the session to fixing the account (unless the caller serves that fix). Roles come from
 * the store, not the token, so a role change applies at once. A refusal is a HubError whose code is
 * what docs/protocol.md names (the stream refuses its handshake with the same code as its message).
 */
import type { Role } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';
import { HubError, unauthorized } from '../errors.js';
import type { HubStore, UserRecord } from '../store/port.js';
import type { AccessTokens, Principal } from './access-tokens.js';
import { certificationExpired, certified, restriction } from './session-desk.js';
import type { SessionEnds } from './session-ends.js';

/** Why a session may be limited to fixing the account (docs/protocol.md 1.1). */
export type Restriction = 'password_change_required' | 'otp_enrollment_required';

const RESTRICTION_MESSAGE: Record<Restriction, string> = {
  password_change_required: 'choose a new password first (POST /me/password)',
  otp_enrollment_required: 'set up your authenticator first (POST /me/otp)',
};

export interface Authenticated {
  principal: Principal & { roles: Role[] };
  user: UserRecord;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly store: HubStore,
    private readonly sessionEnds: SessionEnds,
    private readonly clock: Clock,
  ) {}

  /** `allow`: the limited sessions the caller serves anyway (the routes that fix the account, sign-out). */
  async authenticate(token: string, allow: readonly Restriction[] = []): Promise<Authenticated> {
    const check = this.tokens.check(token);
    if (!check.ok) throw new HubError(401, check.code, check.code === 'token_expired' ? 'the access token has expired' : 'invalid access token');
    if (!(await this.store.sessions.isActive(check.principal.sessionId))) throw unauthorized('this session has ended');
    const user = await this.store.users.byId(check.principal.userId);
    if (!user) throw unauthorized('account removed');
    if (user.disabled) {
      await this.sessionEnds.endUser(user.id, 'disabled');
      throw unauthorized('this session has ended');
    }
    // Certification lapses with time, not with an event: the first request after it ends the sessions.
    if (!certified(user, this.clock.now())) {
      await this.sessionEnds.endUser(user.id, 'certification_expired');
      throw certificationExpired();
    }
    const limited = await restriction(this.store, user);
    if (limited && !allow.includes(limited)) throw new HubError(403, limited, RESTRICTION_MESSAGE[limited]);
    return { principal: { ...check.principal, roles: user.roles }, user, expiresAt: check.expiresAt };
  }
}
