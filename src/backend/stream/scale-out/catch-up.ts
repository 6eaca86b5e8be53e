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

export class CatchUp {
  private knownHead = 0;
  private knownRouting = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private failing = false;
  /** How many times this node caught its desks up (for health and tests). */
  catchUps = 0;

  constructor(
    private readonly store: HubStore,
    private readonly routing: RoutingVersionSource | undefined,
    private readonly feed: AlertFeed,
    private readonly audience: Audience,
    private readonly stream: AlertStream,
    private readonly onError: (err: unknown) => void,
  ) {
    // Local alerts reach local desks through the feed already; only seqs beyond them need work.
    feed.onAlert((a) => {
      this.knownHead = Math.max(this.knownHead, a.seq);
    });
  }

  async start(everyMs: number): Promise<void> {
    this.knownHead = await this.store.alerts.headSeq();
    this.knownRouting = (await this.routing?.routingVersion()) ?? 0;
    this.timer = setInterval(() => void this.poll(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Another node stored alert `seq`. */
  remoteAlert(seq: number): void {
    if (seq <= this.knownHead) return;
    this.knownHead = seq;
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
    this.catchUps++;
    this.feed.clear();
    this.stream.repoke();
  }

  private async routingChanged(): Promise<void> {
    this.audience.invalidate();
    try {
      await this.stream.pushZones(() => true);
      this.stream.nsp.local.emit('policy', await this.store.policy.get());
    } catch (err) {
      this.onError(err);
    }
    this.stream.repoke();
  }

  /** One timer tick; exported for tests that do not want to wait for the timer. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const head = await this.store.alerts.headSeq();
      const routing = (await this.routing?.routingVersion()) ?? 0;
      if (this.failing) {
        // The database is back: deliveries that failed while it was away retry from their cursors.
        this.failing = false;
        this.knownHead = Math.max(this.knownHead, head);
        this.knownRouting = Math.max(this.knownRouting, routing);
        this.everything();
        return;
      }
      if (head > this.knownHead) this.remoteAlert(head);
      if (routing > this.knownRouting) this.remoteRouting(routing);
    } catch (err) {
      if (!this.failing) this.onError(err);
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }
}
