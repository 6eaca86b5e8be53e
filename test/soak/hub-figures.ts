/**
 * The hub's own account of the soak, from GET /metrics of both nodes (docs/metrics.md), what an
 * operator's dashboard shows of the same run. A node's counters start again at each restart, so a
 * node is read just before it is killed and its counts kept (Prometheus' increase() does the same
 * across a reset); what it counted between that read and the kill is not in the totals.
 */
import { histogram, histogramQuantile, sampleValue, scrapeMetrics, type Sample } from '../support/metrics-scrape.js';

interface Counts {
  hitsStored: number;
  acks: number;
  ackRefusals: number;
  handshakesRefused: number;
  reconnectsCaughtUp: number;
  replayedAlerts: number;
}

const ZERO: Counts = { hitsStored: 0, acks: 0, ackRefusals: 0, handshakesRefused: 0, reconnectsCaughtUp: 0, replayedAlerts: 0 };

function countsOf(s: Sample[]): Counts {
  const replay = histogram(s, 'opentas_replay_alerts');
  return {
    hitsStored: sampleValue(s, 'opentas_hits_stored_total') ?? 0,
    acks: sampleValue(s, 'opentas_acks_total') ?? 0,
    ackRefusals: sampleValue(s, 'opentas_ack_refusals_total') ?? 0,
    handshakesRefused: sampleValue(s, 'opentas_handshake_refusals_total') ?? 0,
    reconnectsCaughtUp: replay.count,
    replayedAlerts: replay.sum,
  };
}

const add = (a: Counts, b: Counts): Counts => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Counts] + b[k as keyof Counts]])) as unknown as Counts;

export class HubFigures {
  private past: Counts = { ...ZERO };

  constructor(private readonly token: string) {}

  /** Keeps a node's counts before it is killed (a node that does not answer keeps nothing). */
  async beforeKill(url: string): Promise<void> {
    const s = await scrapeMetrics(url, this.token).catch(() => undefined);
    if (s) this.past = add(this.past, countsOf(s));
  }

  /** One line from the live nodes' figures plus what the killed ones counted. */
  async line(urls: string[]): Promise<string> {
    const scrapes = await Promise.all(urls.map((u) => scrapeMetrics(u, this.token)));
    const total = scrapes.map(countsOf).reduce(add, this.past);
    const gauge = (name: string, pick: (v: number[]) => number): number => pick(scrapes.map((s) => sampleValue(s, name) ?? NaN));
    // The worst node's p99 since its last start (a node restarted late may have seen none: NaN, left out).
    const p99ms = (path: string): number => {
      const seen = scrapes.map((s) => histogramQuantile(histogram(s, 'opentas_delivery_latency_seconds', { path }), 0.99) * 1000).filter(Number.isFinite);
      return seen.length > 0 ? Math.max(...seen) : NaN;
    };
    return [
      `hits_stored=${total.hitsStored}`,
      `acks=${total.acks}`,
      `ack_refusals=${total.ackRefusals}`,
      `desks_connected=${gauge('opentas_desks_connected', (v) => v.reduce((a, b) => a + b, 0))}`,
      `database_up_min=${gauge('opentas_database_up', (v) => Math.min(...v))}`,
      `redis_up_min=${gauge('opentas_redis_up', (v) => Math.min(...v))}`,
      `reconnects_caught_up=${total.reconnectsCaughtUp}`,
      `replayed_alerts=${total.replayedAlerts}`,
      `handshakes_refused=${total.handshakesRefused}`,
      `delivery_live_p99_ms=${p99ms('live').toFixed(0)}`,
      `delivery_replay_p99_ms=${p99ms('replay').toFixed(0)}`,
    ].join(' ');
  }
}
