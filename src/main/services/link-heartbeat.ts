/**
 * The heartbeat of one AlertLink connection. Socket.IO's own ping (every 25 s, 20 s grace) is too
 * slow to notice a half-open connection within the 20 s the desk promises, and the hub cannot be
 * asked to ping faster, so the client sends WebSocket pings itself: no answer and no traffic for
 * `timeoutMs` means the connection is dead. The same pings confirm alert receipts (ReceiptLedger):
 * a pong proves that everything sent before its ping reached the hub. Pongs come back in the
 * order of their pings, so each one also measures a round trip (reported to `onRoundTrip`).
 *
 * A receipt is confirmed by the first ping after it: the heartbeat's next one, or on a young
 * connection one sent sooner (below), so a burst of alerts costs one ping, not one per alert. Each
 * pong is a write of its own at the hub: pinging after every receipt made pongs a fifth of the hub's
 * CPU with 2,000 desks (docs/performance.md, delivery). For the same reason the heartbeat does not
 * ping when it heard from the hub within its interval. What waits for a ping is
 * only the resume point: a receipt not yet confirmed when the link drops is sent again after the hub
 * replays its alert, which the Inbox keeps once. So the wait is a tenth of the connection's age, and
 * at most the interval: a link that keeps dropping (a bad Wi-Fi) confirms at once and still moves on,
 * and at most a tenth of what a connection received is replayed after it drops.
 */
import type { ReceiptLedger } from './receipt-ledger.js';
import type { Clock, HubSocket, TimerHandle } from './ports.js';

export interface HeartbeatOptions {
  intervalMs: number;
  timeoutMs: number;
}

export class LinkHeartbeat {
  private timer: TimerHandle | null = null;
  private confirmTimer: TimerHandle | null = null;
  private lastHeard: number;
  private readonly startedAt: number;
  private active = true;
  /** When each ping still waiting for its pong went out, oldest first. */
  private readonly pingsAt: number[] = [];
  private stopHearing: (() => void) | null = null;

  constructor(
    private readonly socket: HubSocket,
    private readonly ledger: ReceiptLedger,
    private readonly clock: Clock,
    private readonly options: HeartbeatOptions,
    /** Called once when the connection is found dead. */
    private readonly onDead: () => void,
    private readonly onRoundTrip?: (ms: number) => void,
  ) {
    this.lastHeard = clock.now();
    this.startedAt = this.lastHeard;
  }

  start(): void {
    this.stopHearing = this.socket.onHeard(() => this.heard());
    if (!this.socket.canPing()) return; // not a Node WebSocket (a browser): Socket.IO's own ping is all there is
    this.socket.onPong(() => {
      if (!this.active) return; // a late pong of a dropped connection must not confirm anything
      this.heard();
      this.ledger.pongReceived();
      const sentAt = this.pingsAt.shift();
      if (sentAt !== undefined) this.onRoundTrip?.(this.clock.now() - sentAt);
    });
    this.timer = this.clock.setTimeout(() => this.beat(), this.options.intervalMs);
  }

  /**
   * A receipt went out: ping within a tenth of the connection's age (at most the interval), once
   * Engine.IO has flushed it to the socket, unless the heartbeat pings first.
   */
  receiptSent(seq: number): void {
    this.ledger.receiptSent(seq);
    if (this.confirmTimer) return;
    const age = this.clock.now() - this.startedAt;
    this.confirmTimer = this.clock.setTimeout(
      () => {
        this.confirmTimer = null;
        if (!this.active || !this.ledger.hasUnpinged()) return;
        this.socket.afterFlush(() => this.ping());
      },
      Math.min(this.options.intervalMs, Math.floor(age / 10)),
    );
  }

  /** Pings now (after a sleep the connection may be dead without knowing it). */
  probe(): void {
    this.ping();
  }

  stop(): void {
    this.active = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    if (this.confirmTimer) this.clock.clearTimeout(this.confirmTimer);
    this.timer = null;
    this.confirmTimer = null;
    this.stopHearing?.();
    this.stopHearing = null;
  }

  private beat(): void {
    this.timer = null;
    if (!this.active || !this.socket.connected) return;
    const silentFor = this.clock.now() - this.lastHeard;
    if (silentFor > this.options.timeoutMs) {
      this.stop();
      this.onDead();
      return;
    }
    // Heard from within the interval (an alert, a pong): the connection is alive, a ping would only
    // cost the hub a pong. Receipts still waiting for a ping are confirmed with this one.
    if (silentFor >= this.options.intervalMs || this.ledger.hasUnpinged()) this.ping();
    this.timer = this.clock.setTimeout(() => this.beat(), this.options.intervalMs);
  }

  private ping(): void {
    if (!this.active || !this.socket.canPing()) return;
    try {
      this.ledger.pingSent();
      this.socket.ping();
      this.pingsAt.push(this.clock.now());
      // A pong that never comes (the connection dies) must not grow this for ever.
      if (this.pingsAt.length > 64) this.pingsAt.shift();
    } catch {
      // A closing socket throws; its disconnect event reconnects.
    }
  }

  private heard(): void {
    if (this.active) this.lastHeard = this.clock.now();
  }
}
