/**
 * Keeps this node's desks level with writes made on other nodes. Two paths, so that losing either
 * link never leaves a desk silently behind:
 *
 * - fast: other nodes announce new alerts and routing changes over Redis (`NodeBus`);
 * - sure: a timer reads the store's head seq (and routing version, where the store has one), and
 *   catches up whatever the announcements missed, including everything after the database or
 *   Redis link comes back.
 *
 * "Catching up" is: drop the in-process alert window (it only knows this node's alerts) and poke
 * every delivery, which re-reads the store from its own cursor; for routing changes, drop the
 * cached routing state and resend zones and policy to the desks connected here.
 */
import type { AlertFeed } from '../../alerts/alert-feed.js';
import type { Audience } from '../../alerts/audience.js';
import type { HubStore } from '../../store/port.js';
import type { AlertStream } from '../alert-stream.js';

export interface RoutingVersionSource {
  routingVersion(): Promise<number>;
}

/** Every this many ticks the desks re-read the store even when nothing seems to have changed. */
const SAFETY_TICKS = 10;

export class CatchUp {
  /** The head seq the last successful tick read (announcements do not move it: their reads may fail). */
  private polledHead = 0;
  private knownRouting = 0;
  private ticks = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private failing = false;
  /** A routing catch-up failed half way (zones or policy not resent): the next tick redoes it. */
  private routingDirty = false;

  constructor(
    private readonly store: HubStore,
    private readonly routing: RoutingVersionSource | undefined,
    private readonly feed: AlertFeed,
    private readonly audience: Audience,
    private readonly stream: AlertStream,
    private readonly onError: (err: unknown) => void,
  ) {}

  async start(everyMs: number): Promise<void> {
    this.polledHead = await this.store.alerts.headSeq();
    this.knownRouting = (await this.routing?.routingVersion()) ?? 0;
    this.timer = setInterval(() => void this.poll(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Another node stored an alert: desks re-read the store (if that read fails, the timer retries). */
  remoteAlert(): void {
    this.alerts();
  }

  /** Another node changed zones, policy or preferences (routing version `version`). */
  remoteRouting(version: number): void {
    if (version <= this.knownRouting) return;
    this.knownRouting = version;
    void this.routingChanged();
  }

  /** This node wrote routing version `version`; its own request path already updates its desks. */
  localRouting(version: number): void {
    // A jump of more than one means another node's change landed in between, unannounced so far.
    const missed = version > this.knownRouting + 1;
    this.knownRouting = Math.max(this.knownRouting, version);
    if (missed) void this.routingChanged();
  }

  /** A link came back (Redis or the database): assume anything may have been missed. */
  everything(): void {
    this.alerts();
    void this.routingChanged();
  }

  private alerts(): void {
    this.feed.clear();
    this.stream.repoke();
  }

  private async routingChanged(): Promise<void> {
    this.audience.invalidate();
    try {
      await this.stream.pushZones(() => true);
      this.stream.nsp.local.emit('policy', await this.store.policy.get());
    } catch (err) {
      this.routingDirty = true;
      this.onError(err);
    }
    this.stream.repoke();
  }

  /**
   * The routing cache keeps a failed load until it is next invalidated; after a database blip
   * that would fail every delivery on this node. Probe it, and drop it when it is stuck.
   */
  private async routingUsable(): Promise<void> {
    try {
      await this.audience.zonesOf({ id: '', unit: null });
    } catch {
      this.audience.invalidate();
      this.stream.repoke();
    }
  }

  /** One timer tick. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const head = await this.store.alerts.headSeq();
      const routing = (await this.routing?.routingVersion()) ?? 0;
      this.ticks++;
      await this.routingUsable();
      if (this.failing) {
        // The database is back: deliveries that failed while it was away retry from their cursors.
        this.failing = false;
        this.polledHead = head;
        this.knownRouting = Math.max(this.knownRouting, routing);
        this.everything();
        return;
      }
      // Any new seq since the last tick: an announcement may have been lost, or the reads it
      // caused may have failed (this node's database link dropped for less than a tick). Desks
      // at the head share one read, so this costs about one query per tick.
      if (head > this.polledHead || this.ticks % SAFETY_TICKS === 0) {
        this.polledHead = Math.max(this.polledHead, head);
        this.alerts();
      }
      if (routing > this.knownRouting) this.remoteRouting(routing);
      else if (this.routingDirty) {
        this.routingDirty = false;
        void this.routingChanged();
      }
    } catch (err) {
      if (!this.failing) this.onError(new Error(`catch-up: cannot read the store: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }
}
