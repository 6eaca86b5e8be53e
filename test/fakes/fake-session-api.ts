/** A SessionApi fake: one user, one password, tokens numbered so tests can tell refreshes apart. */
import type { LoginRequest, PublicUser, SessionTokens } from '../../src/shared/protocol/index.js';
import { HubError } from '../../src/shared/hub-error.js';
import type { SessionApi } from '../../src/main/services/session.js';

export class FakeSessionApi implements SessionApi {
  readonly user: PublicUser = { id: 'u-1', username: 'trooper1', displayName: 'Trooper One', roles: ['trooper'], unit: 'Troop 3' };
  password = 'pw';
  expiresIn = 900;
  issued = 0;
  refreshes = 0;
  signOuts = 0;
  validRefresh = new Set<string>();
  unreachable = false;
  /** 1.1: sign-ins answer a restricted token (temporary password, or a second factor to set up). */
  restrict: 'password' | 'otp' | null = null;

  async signIn(request: LoginRequest): Promise<SessionTokens> {
    this.reachable();
    if (request.username !== this.user.username || request.password !== this.password) {
      throw new HubError(401, 'bad_credentials', 'Wrong user name or password.');
    }
    const tokens = this.tokens();
    if (this.restrict === 'password') return { ...tokens, mustChangePassword: true };
    if (this.restrict === 'otp') return { ...tokens, mustEnrollOtp: true };
    return tokens;
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    this.reachable();
    if (!this.validRefresh.delete(refreshToken)) throw new HubError(401, 'unauthorized', 'refresh token not valid');
    this.refreshes++;
    return this.tokens();
  }

  async signOut(): Promise<void> {
    this.signOuts++;
  }

  private reachable(): void {
    if (this.unreachable) throw new HubError(0, 'hub_unreachable', 'The hub could not be reached.');
  }

  private tokens(): SessionTokens {
    this.issued++;
    const refreshToken = `refresh-${this.issued}`;
    this.validRefresh.add(refreshToken);
    return { accessToken: `access-${this.issued}`, refreshToken, expiresIn: this.expiresIn, user: this.user };
  }
}
