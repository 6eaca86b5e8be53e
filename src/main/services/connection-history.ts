/**
 * The link's recent states (connects, drops and why) for the support bundle, and for each
 * connection how fast the hub answered the heartbeat's pings (round trips: min, median, max), so a
 * coordinator can tell a slow network from a dropping one.
 */
import type { Presence as PresenceView } from '../../shared/ipc.js';

/** Kept per connection; older samples give way (the median of the last ones is what support needs). */
const MAX_SAMPLES = 1_000;
const MAX_ENTRIES = 200;

export interface RoundTrips {
  samples: number;
  min: number;
  median: number;
  max: number;
}

export interface ConnectionEntry extends PresenceView {
  /** Round trips of this connection's pings, in ms; only on `connected` entries that had a pong. */
  latencyMs?: RoundTrips;
}

export class ConnectionHistory {
  private readonly entries: { view: PresenceView; rtts: number[] }[] = [];

  /** A presence change: a new entry when the state changed (or the alarm went off). */
  record(view: PresenceView): void {
    if (this.entries.at(-1)?.view.state === view.state && !view.alarm) return;
    this.entries.push({ view, rtts: [] });
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  /** A pong of the current connection, `ms` after its ping. */
  roundTrip(ms: number): void {
    const last = this.entries.at(-1);
    if (!last || last.view.state !== 'connected' || !Number.isFinite(ms) || ms < 0) return;
    last.rtts.push(ms);
    if (last.rtts.length > MAX_SAMPLES) last.rtts.shift();
  }

  list(): ConnectionEntry[] {
    return this.entries.map(({ view, rtts }) => (rtts.length > 0 ? { ...view, latencyMs: summary(rtts) } : { ...view }));
  }
}

function summary(rtts: readonly number[]): RoundTrips {
  const sorted = [...rtts].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { samples: sorted.length, min: sorted[0]!, median: Math.round(median * 10) / 10, max: sorted.at(-1)! };
}
