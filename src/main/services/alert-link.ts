/**
 * The AlertLink: the client's end of the hub's `/alerts` stream (docs/protocol.md). It authenticates
 * with the session's access token (refreshing it on `token_expired`), resumes from the highest seq
 * the receiver has stored, answers each `alert` receipt only after the receiver stored the alert
 * durably, validates every payload with the protocol's schemas (a malformed one is dropped with a
 * logged reason and the link goes on), reconnects with backoff and jitter (at once when the OS says
 * the network is back or the machine woke), and detects a half-open connection with WebSocket
 * pings. Socket.IO's own reconnection is off: this class owns the policy.
 * 1.1: each refreshed token is sent on the open socket as `reauth` (the hub ends a socket whose
 * token expired without one; a refused reauth reconnects with the new token), and `session_ended`
 * hands the hub's reason to the session (which returns to sign-in), except `expired`, after which
 * the link simply reconnects with a refreshed token.
 */
import { AckEntry, AckResult, AlertEnvelope, Hello, Policy, SessionEnded, Zone, type AckEvent } from '../../shared/protocol/index.js';
import { Escalation } from '../../shared/ipc-review.js';
import { z } from 'zod';
import { TroopUpdate } from '../../shared/ipc-troop.js';
import type { AckSender } from './ack-outbox.js';
import { LinkHeartbeat } from './link-heartbeat.js';
import { ReceiptLedger } from './receipt-ledger.js';
import type { Presence } from './presence.js';
import type { Clock, HubSocket, HubSockets, IdleSource, Logger, TimerHandle } from './ports.js';

/** Where the link delivers what the hub sends. `receive` resolves once the alert is durable. */
export interface LinkReceiver {
  highestSeq(): number;
  receive(envelope: AlertEnvelope): Promise<void>;
  hello(hello: Hello): void;
  ackEntry(entry: AckEntry): void;
  policy(policy: Policy): void;
  zones(zones: Zone[]): void;
  /** Another desk's step on an alert of the user's Troop (sent to dispatchers and supervisors). */
  troop?(update: TroopUpdate): void;
  /** The hub escalated an alert nobody verified in time (sent to supervisors and dispatchers only). */
  escalation?(escalation: Escalation): void;
}

/** The session as the link needs it. */
export interface LinkCredentials {
  token(): Promise<string | null>;
  refreshNow(): Promise<boolean>;
  /** Each new access token of the same session, so the open socket can `reauth` with it. */
  onTokenRefreshed?(listener: (token: string) => void): () => void;
  /** The hub ended the session (`session_ended` with a reason other than `expired`). */
  end?(reason: string): Promise<void>;
}

export interface AlertLinkOptions {
  hubUrl: string;
  clientId: string;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  heartbeatIntervalMs?: number;
  /** Without any answer for this long the connection is declared half-open (20 s budget). */
  heartbeatTimeoutMs?: number;
  ackTimeoutMs?: number;
  /** How long a handshake may take before it is abandoned. */
  connectTimeoutMs?: number;
  random?: () => number;
  /** Each heartbeat round trip of the current connection, in ms (the support bundle's latency). */
  onRoundTrip?: (ms: number) => void;
}

export class AlertLink implements AckSender {
  private socket: HubSocket | null = null;
  private running = false;
  /** Failures since the last hello other than a refused port: the backoff's exponent. */
  private attempt = 0;
  /**
   * Refused attempts since the last hello, counted apart: a restart's refusals must not make the
   * first real failure after it (a reset by a hub busy with a reconnect storm) wait 15-30 s.
   */
  private refusals = 0;
  private reconnectTimer: TimerHandle | null = null;
  private heartbeat: LinkHeartbeat | null = null;
  private announced = false;
  private receiving: Promise<void> = Promise.resolve();
  private readonly receipts = new ReceiptLedger();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly connectedListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly options: AlertLinkOptions,
    private readonly credentials: LinkCredentials,
    private readonly receiver: LinkReceiver,
    private readonly presence: Presence,
    private readonly clock: Clock,
    private readonly idle: IdleSource,
    private readonly logger: Logger,
    private readonly sockets: HubSockets,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(this.idle.onNetworkBack(() => this.reconnectNow('network back')));
    this.unsubscribe.push(this.idle.onResume(() => this.reconnectNow('system resumed')));
    if (this.credentials.onTokenRefreshed) this.unsubscribe.push(this.credentials.onTokenRefreshed((token) => void this.reauth(token)));
    this.connect();
  }

  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    this.clearTimers();
    this.drop();
    this.presence.set('signed_out');
  }

  isConnected(): boolean {
    return this.socket?.connected === true;
  }

  onConnectedChange(listener: (connected: boolean) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /** Sends one acknowledgement event; throws when offline or when the hub does not answer in time. */
  async sendAck(event: AckEvent): Promise<AckResult> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('not connected');
    const answer: unknown = await socket.request('ack', event, this.options.ackTimeoutMs ?? 10_000);
    const parsed = AckResult.safeParse(answer);
    if (!parsed.success) throw new Error('the hub answered an ack outside the protocol');
    return parsed.data;
  }

  /** Reconnect at once (the OS says the network is back, or the machine woke from sleep). */
  reconnectNow(reason: string): void {
    if (!this.running) return;
    this.logger.info('link: reconnecting at once', { reason });
    this.attempt = 0;
    this.refusals = 0;
    if (this.socket?.connected && this.heartbeat) {
      // After a sleep the socket may be dead without knowing it: probe it now.
      this.heartbeat.probe();
      return;
    }
    this.clearTimers();
    this.drop();
    this.connect();
  }

  private connect(): void {
    if (!this.running) return;
    this.presence.set('connecting');
    void this.open().catch((err: Error) => this.fail(err.message));
  }

  private async open(): Promise<void> {
    const token = await this.credentials.token();
    if (!this.running) return;
    if (!token) {
      this.presence.set('offline', { lastError: 'signed out' });
      return;
    }
    const givenUp = this.receipts.takeGivenUp();
    if (givenUp.length > 0) {
      this.logger.warn('link: receipts unconfirmed on three connections; resuming past them (their alerts are stored)', {
        receipts: givenUp.length,
        seqs: `${givenUp[0]}-${givenUp[givenUp.length - 1]}`,
      });
    }
    const resumeFrom = this.receipts.resumePoint(this.receiver.highestSeq());
    const socket = this.sockets.open(this.options.hubUrl, {
      // A busy hub (a reconnect storm) may take many seconds to answer the handshake; abandoning it
      // throws that work away and counts as one more failure, so wait longer than Socket.IO's 10 s.
      connectTimeoutMs: this.options.connectTimeoutMs ?? 30_000,
      // Nothing stored yet: no resumeFrom, so the hub replays its window and reports no false gap.
      auth: { token, clientId: this.options.clientId, ...(resumeFrom > 0 ? { resumeFrom } : {}) },
    });
    this.socket = socket;
    this.receipts.connectionStarted(resumeFrom);
    socket.onConnect(() => {
      this.logger.info('link: connected', { resumeFrom, uncertainReceipts: this.receipts.uncertainCount() });
      this.heartbeat?.stop();
      this.heartbeat = new LinkHeartbeat(
        socket,
        this.receipts,
        this.clock,
        { intervalMs: this.options.heartbeatIntervalMs ?? 5_000, timeoutMs: this.options.heartbeatTimeoutMs ?? 15_000 },
        () => {
          if (socket !== this.socket) return;
          this.logger.warn('link: no answer from the hub; the connection is half-open, reconnecting');
          this.fail('heartbeat lost');
        },
        this.options.onRoundTrip,
      );
      this.heartbeat.start();
    });
    socket.onConnectError((err) => void this.onConnectError(socket, err));
    socket.onDisconnect((reason) => {
      if (socket !== this.socket) return;
      this.fail(`disconnected: ${reason}`);
    });
    socket.on('hello', (payload: unknown) => this.onHello(payload));
    socket.on('alert', (payload, ack) => this.onAlert(socket, payload, ack));
    socket.on('ack', (payload: unknown) => this.onEntry(payload));
    socket.on('session_ended', (payload: unknown) => this.onSessionEnded(socket, payload));
    socket.on('troop', (payload: unknown) => {
      const parsed = TroopUpdate.safeParse(payload);
      if (parsed.success) this.receiver.troop?.(parsed.data);
      else this.dropped('troop', parsed.error);
    });
    socket.on('escalation', (payload: unknown) => {
      const parsed = Escalation.safeParse(payload);
      if (parsed.success) this.receiver.escalation?.(parsed.data);
      else this.dropped('escalation', parsed.error);
    });
    socket.on('policy', (payload: unknown) => {
      const parsed = Policy.safeParse(payload);
      if (parsed.success) this.receiver.policy(parsed.data);
      else this.dropped('policy', parsed.error);
    });
    socket.on('zones', (payload: unknown) => {
      const parsed = z.array(Zone).safeParse(payload);
      if (parsed.success) this.receiver.zones(parsed.data);
      else this.dropped('zones', parsed.error);
    });
  }

  private async onConnectError(socket: HubSocket, err: { message: string; refused: boolean }): Promise<void> {
    if (socket !== this.socket) return;
    const code = err.message;
    if ((code === 'token_expired' || code === 'unauthorized') && this.running) {
      this.drop();
      // A refreshed token gets one immediate retry; a hub that keeps refusing gets the backoff.
      const refreshed = await this.credentials.refreshNow();
      if (refreshed && this.attempt === 0) {
        this.attempt++;
        this.connect();
        return;
      }
    }
    this.fail(`connect failed: ${code}`, err.refused);
  }

  private onHello(payload: unknown): void {
    const parsed = Hello.safeParse(payload);
    if (!parsed.success) {
      this.dropped('hello', parsed.error);
      return;
    }
    this.attempt = 0;
    this.refusals = 0;
    this.presence.set('connected', { gap: parsed.data.gap });
    this.receiver.hello(parsed.data);
    this.announce(true);
  }

  private onAlert(socket: HubSocket, payload: unknown, ack?: (answer: unknown) => void): void {
    const parsed = AlertEnvelope.safeParse(payload);
    if (!parsed.success) {
      this.dropped('alert', parsed.error);
      return;
    }
    const envelope = parsed.data;
    if (socket === this.socket) this.receipts.alertSeen(envelope.seq);
    // Stores start at once (the Inbox writes a burst with one fsync); receipts go in arrival order.
    const stored = this.receiver.receive(envelope);
    stored.catch(() => undefined); // handled below, in order; this only keeps Node from warning early
    this.receiving = this.receiving.then(async () => {
      try {
        await stored;
      } catch (err) {
        // Not stored: no receipt, resume from below it (a later one may be stored), and reconnect.
        this.receipts.notStored(envelope.seq);
        if (socket === this.socket) {
          this.logger.error('link: could not store an alert; reconnecting to have it replayed', {
            seq: envelope.seq,
            reason: (err as Error).message,
          });
          this.fail('store failed');
        }
        return;
      }
      if (socket !== this.socket) this.receipts.receiptNotSent(envelope.seq);
      else if (typeof ack === 'function') {
        ack({ received: true });
        if (this.heartbeat) this.heartbeat.receiptSent(envelope.seq);
        else this.receipts.receiptSent(envelope.seq);
      }
    });
  }

  /** Re-authenticates the open socket with a refreshed token; a refusal or no answer reconnects. */
  private async reauth(token: string): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return; // the next connection opens with the new token anyway
    let ok = false;
    try {
      const answer: unknown = await socket.request('reauth', { token }, this.options.ackTimeoutMs ?? 10_000);
      ok = (answer as { ok?: unknown } | null)?.ok === true;
    } catch {
      ok = false;
    }
    if (socket !== this.socket) return;
    if (ok) this.logger.info('link: re-authenticated with a refreshed token');
    else {
      this.logger.warn('link: the hub did not take the refreshed token; reconnecting with it');
      this.fail('reauth refused');
    }
  }

  private onSessionEnded(socket: HubSocket, payload: unknown): void {
    if (socket !== this.socket) return;
    const parsed = SessionEnded.safeParse(payload);
    // Dropped like any malformed event: if the session did end, the reconnect is refused and the
    // refused refresh signs out; nothing is shown meanwhile that the hub did not already send.
    if (!parsed.success) return this.dropped('session_ended', parsed.error);
    const { reason } = parsed.data;
    this.logger.warn('link: the hub ended the session', { reason });
    // The access token ran out before a reauth reached the hub: the session itself goes on.
    if (reason === 'expired') return;
    this.stop();
    void this.credentials.end?.(reason);
  }

  private onEntry(payload: unknown): void {
    const parsed = AckEntry.safeParse(payload);
    if (parsed.success) this.receiver.ackEntry(parsed.data);
    else this.dropped('ack', parsed.error);
  }

  private dropped(event: string, error: z.ZodError): void {
    const reason = error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
      .join('; ')
      .slice(0, 300);
    this.logger.warn(`link: dropped a malformed ${event} event`, { reason });
  }

  /** `refused`: nothing listens (the hub is restarting), so a retry costs it nothing: retry soon. */
  private fail(reason: string, refused = false): void {
    if (!this.running) return;
    this.drop();
    if (this.reconnectTimer) return;
    const minMs = this.options.backoffMinMs ?? 500;
    const maxMs = this.options.backoffMaxMs ?? 30_000;
    const random = this.options.random ?? Math.random;
    const delay = refused
      ? refusedDelay(this.refusals++, minMs, Math.min(maxMs, REFUSED_MAX_MS), random)
      : backoffDelay(this.attempt++, minMs, maxMs, random);
    this.presence.set('offline', { lastError: reason });
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private announce(connected: boolean): void {
    if (this.announced === connected) return;
    this.announced = connected;
    for (const listener of this.connectedListeners) listener(connected);
  }

  private drop(): void {
    this.announce(false);
    const socket = this.socket;
    this.socket = null;
    this.heartbeat?.stop();
    this.heartbeat = null;
    if (socket) {
      this.receipts.connectionLost();
      socket.close();
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}

/**
 * Exponential backoff with "equal jitter": between half and all of min * 2^attempt (capped at max),
 * so a thousand desks cut off together do not all retry in the same instant.
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Ceiling of the retry delay while the hub's port refuses connections. */
const REFUSED_MAX_MS = 3_000;

/**
 * Retry delay while the port refuses: "full jitter" (anywhere from 0 to min * 2^attempt, capped
 * low). A refused connection costs the hub nothing, and spreading the desks evenly over the whole
 * window keeps the first ones back from arriving all at once when the hub starts listening.
 */
export function refusedDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  return random() * Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
}
