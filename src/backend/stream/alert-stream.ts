/**
 * The `/alerts` Socket.IO namespace (docs/protocol.md#the-alert-stream-alerts): handshake auth, `hello`,
 * replay from `resumeFrom` inside the replay window, live alerts with receipts, and pushes of
 * `ack`, `zones` and `policy` to the users concerned.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { StreamAuth, type AckEntry, type Hello, type Policy } from '../../shared/protocol/index.js';
import type { AlertFeed } from '../alerts/alert-feed.js';
import { type Audience, recipientOf } from '../alerts/audience.js';
import { AudienceIndex } from '../alerts/audience-index.js';
import type { AccessTokens, Principal } from '../auth/access-tokens.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../clock.js';
import { HubError } from '../errors.js';
import { handshakeRefusal, type HubMetrics } from '../metrics/hub-metrics.js';
import type { HubStore, SessionEndCause, UserRecord } from '../store/port.js';
import { batchWrites } from './write-batching.js';
import { Delivery, type DeliveryDeps } from './delivery.js';

const DAY_MS = 24 * 3600_000;

interface SocketState {
  principal: Principal;
  user: UserRecord;
  auth: StreamAuth;
  /** When the newest token this socket presented (handshake or `reauth`) expires, in ms. */
  tokenExpiresAt: number;
  delivery?: Delivery;
}

/** One open socket, as the session watch sees it. */
export interface OpenSocket {
  sessionId: string;
  user: UserRecord;
  tokenExpiresAt: number;
  end(reason: SessionEndCause): void;
}

/** `session_ended` carries the protocol's reasons; a sign-out or a copied refresh token reads `revoked`. */
const wireReason = (reason: SessionEndCause): string => (reason === 'logout' || reason === 'token_reuse' ? 'revoked' : reason);

/** What the namespace does with an `ack` event (the acknowledgement log plugs in here). */
export type AckHandler = (principal: Principal, clientId: string, event: unknown) => Promise<unknown>;

export class AlertStream {
  readonly nsp: Namespace;
  /** Each open socket's delivery, filed by what can make an alert theirs. */
  private readonly deliveries: AudienceIndex<Delivery>;
  private readonly deliveryDeps: DeliveryDeps;

  constructor(
    io: Server,
    private readonly store: HubStore,
    private readonly tokens: AccessTokens,
    private readonly authenticator: Authenticator,
    private readonly feed: AlertFeed,
    private readonly audience: Audience,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void,
    private readonly metrics: HubMetrics,
    /** What an `ack` event is answered with (the acknowledgement log's AckDesk). */
    private readonly ackHandler: AckHandler,
  ) {
    this.deliveryDeps = { feed, audience, receipts: store.receipts, clock, metrics, onError };
    this.nsp = io.of('/alerts');
    this.nsp.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : 'unauthorized';
          this.metrics.handshakeRefused(handshakeRefusal(reason));
          next(new Error(reason));
        },
      );
    });
    this.nsp.on('connection', (socket) => {
      this.connected(socket).catch((err: unknown) => {
        this.onError(err);
        socket.disconnect(true);
      });
    });
    this.deliveries = new AudienceIndex(audience);
    feed.onAlert((stored) => {
      // Asked only of the desks the alert may be for; the others step over it (see AudienceIndex).
      const candidates = this.deliveries.candidates(stored.alert.hit);
      for (const d of this.deliveries.members()) {
        if (!candidates || candidates.has(d)) d.offer(stored);
        else d.stepOver(stored);
      }
    });
  }

  get clients(): number {
    return this.nsp.sockets.size;
  }

  /** The handshake: the same check as every HTTP route (auth/authenticator.ts); a refusal's code is the error's message. */
  private async authenticate(socket: Socket): Promise<void> {
    const auth = StreamAuth.safeParse(socket.handshake.auth);
    if (!auth.success) throw new Error('unauthorized');
    try {
      const { principal, user, expiresAt } = await this.authenticator.authenticate(auth.data.token);
      // A session limited to fixing the account carries no alerts (criminal-justice information): no restriction is allowed.
      const state: SocketState = { principal, user, auth: auth.data, tokenExpiresAt: expiresAt };
      socket.data = state;
    } catch (err) {
      throw err instanceof HubError ? new Error(err.code) : err;
    }
  }

  /**
   * `reauth` {token}: a newer access token of the same session keeps the socket open past the
   * expiry of the one it was opened with (docs/protocol.md 1.1).
   */
  private async reauth(state: SocketState, payload: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    const token = payload && typeof payload === 'object' ? (payload as { token?: unknown }).token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return { ok: false, error: { code: 'invalid_request', message: 'send {token}' } };
    const check = this.tokens.check(token);
    if (!check.ok) return { ok: false, error: { code: check.code, message: 'the token is not valid' } };
    if (check.principal.sessionId !== state.principal.sessionId || check.principal.userId !== state.user.id) {
      return { ok: false, error: { code: 'unauthorized', message: 'the token belongs to another session' } };
    }
    if (!(await this.store.sessions.isActive(check.principal.sessionId))) return { ok: false, error: { code: 'unauthorized', message: 'this session has ended' } };
    state.tokenExpiresAt = Math.max(state.tokenExpiresAt, check.expiresAt);
    return { ok: true };
  }

  private async connected(socket: Socket): Promise<void> {
    const state = socket.data as SocketState;
    const { user, auth } = state;
    // Listeners first, before any await: an event or a disconnect during setup must not be lost.
    socket.on('ack', (event: unknown, callback: unknown) => {
      const answer = typeof callback === 'function' ? (callback as (a: unknown) => void) : () => {};
      this.ackHandler(state.principal, auth.clientId, event).then(answer, (err: unknown) => {
        this.onError(err);
        answer({ ok: false, error: { code: 'internal', message: 'the hub could not record this event' } });
      });
    });
    socket.on('reauth', (payload: unknown, callback: unknown) => {
      const answer = typeof callback === 'function' ? (callback as (a: unknown) => void) : () => {};
      this.reauth(state, payload).then(answer, (err: unknown) => {
        this.onError(err);
        answer({ ok: false, error: { code: 'internal', message: 'the hub could not check this token' } });
      });
    });
    socket.on('disconnect', () => {
      if (!state.delivery) return;
      state.delivery.stop();
      this.deliveries.delete(state.delivery);
    });
    await socket.join(`user:${user.id}`);
    const policy = await this.store.policy.get();
    const headSeq = await this.store.alerts.headSeq();
    const windowStart = new Date(this.clock.now().getTime() - policy.replayWindowDays * DAY_MS).toISOString();
    const floor = ((await this.store.alerts.firstSeqSince(windowStart)) ?? headSeq + 1) - 1;
    // A resumeFrom beyond the head names seqs this hub never issued (its data was replaced):
    // resend the whole window rather than wait silently for the numbers to catch up.
    const resumeFrom = auth.resumeFrom === undefined || auth.resumeFrom > headSeq ? floor : auth.resumeFrom;
    // gap: the client asked for alerts that have aged out of the replay window.
    const gap = resumeFrom < floor;
    const hello: Hello = {
      serverTime: this.clock.now().toISOString(),
      headSeq,
      policy,
      zones: await this.audience.zonesOf(user),
      gap,
    };
    if (socket.disconnected) return;
    batchWrites(socket);
    socket.emit('hello', hello);
    const recipient = recipientOf(user);
    const delivery = new Delivery(socket, recipient, auth.clientId, Math.max(resumeFrom, floor), headSeq, this.deliveryDeps);
    state.delivery = delivery;
    this.deliveries.add(delivery, recipient);
    delivery.poke();
  }

  /** Tells the sockets of an ended session why (`session_ended`), then disconnects them. */
  endSession(sessionId: string, reason: SessionEndCause = 'revoked'): void {
    for (const socket of this.nsp.sockets.values()) {
      if ((socket.data as SocketState).principal.sessionId === sessionId) this.endSocket(socket, reason);
    }
  }

  private endSocket(socket: Socket, reason: SessionEndCause): void {
    const state = socket.data as SocketState;
    state.delivery?.stop();
    // Queued before the disconnect packet on the same connection, so the client reads it first.
    socket.emit('session_ended', { reason: wireReason(reason) });
    socket.disconnect(true);
  }

  /** Replaces the cached account of a user's sockets (after an administrator changed it). */
  updateUser(user: UserRecord): void {
    for (const socket of this.nsp.sockets.values()) {
      const state = socket.data as SocketState;
      if (state.user.id === user.id) state.user = user;
    }
  }

  /** The open sockets, for the session watch (token expiry, lapsed certification, ends on other nodes). */
  openSockets(): OpenSocket[] {
    return [...this.nsp.sockets.values()].map((socket) => {
      const state = socket.data as SocketState;
      return { sessionId: state.principal.sessionId, user: state.user, tokenExpiresAt: state.tokenExpiresAt, end: (reason) => this.endSocket(socket, reason) };
    });
  }

  onlineUserIds(): Set<string> {
    const ids = new Set<string>();
    for (const socket of this.nsp.sockets.values()) ids.add((socket.data as SocketState).user.id);
    return ids;
  }

  /** Sends an acknowledgement entry to the given users' sockets. */
  pushAck(entry: AckEntry, userIds: Iterable<string>): void {
    const rooms = [...new Set(userIds)].map((id) => `user:${id}`);
    if (rooms.length > 0) this.nsp.to(rooms).emit('ack', entry);
  }

  pushPolicy(policy: Policy): void {
    this.nsp.emit('policy', policy);
  }

  /** Re-sends each connected user their zones (after a zone change that concerns them). */
  async pushZones(affected: (user: UserRecord) => boolean): Promise<void> {
    for (const socket of this.nsp.sockets.values()) {
      const state = socket.data as SocketState;
      const user = (await this.store.users.byId(state.user.id)) ?? state.user;
      if (affected(user)) socket.emit('zones', await this.audience.zonesOf(user));
    }
  }

  /** Sockets of the given users, for handing them a poke after a routing change. */
  repoke(): void {
    for (const d of this.deliveries.members()) d.poke();
  }
}
