/**
 * The metrics port on prom-client, with a registry of its own per hub (never the library's global
 * one: a test process runs several hubs, and each must report only itself). Counters and
 * histograms move as the hub works; the gauges (desks, database, Redis) are read at each scrape.
 * Every name and HELP line is listed in docs/metrics.md.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ACK_ORDER_CODES } from '../../shared/ack/index.js';
import { AckType } from '../../shared/protocol/index.js';
import {
  HANDSHAKE_REFUSALS,
  type HandshakeRefusal,
  type HubMetrics,
  type ReceiptTiming,
} from './hub-metrics.js';

/** What the gauges read at scrape time. */
export interface NodeVitals {
  /** This node's name, the `node` label (several nodes share one database). */
  node(): string;
  connectedDesks(): number;
  databaseUp(): Promise<boolean>;
  /** Absent when the node has no Redis (SQLite, or Postgres alone). */
  redisUp?: () => boolean;
  /** Each hot list's age and whether it is stale (matcher/stale-lists.ts). */
  hotlists?: () => Promise<{ id: string; source: string; ageSeconds: number; stale: boolean }[]>;
}

const ACK_REFUSAL_CODES = [...ACK_ORDER_CODES, 'unknown_alert', 'forbidden', 'other'] as const;

/** Seconds: a live alert is expected within a second; a replay may be hours or days old. */
const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5,
  0.75, 1, 1.5, 2.5, 5, 10, 30, 60, 300, 3600, 86_400,
];
const REPLAY_BUCKETS = [0, 1, 5, 10, 50, 100, 500, 1000, 5000, 10_000, 50_000];

export class PrometheusHubMetrics implements HubMetrics {
  readonly registry = new Registry();
  private readonly hits: Counter;
  private readonly delivery: Histogram<'path'>;
  private readonly receiptLatency: Histogram;
  private readonly replay: Histogram;
  private readonly acks: Counter<'type'>;
  private readonly ackRefusals: Counter<'code'>;
  private readonly refusals: Counter<'reason'>;
  private readonly lockouts: Counter<'account'>;

  constructor(vitals: NodeVitals) {
    const registers = [this.registry];
    // The process's memory, CPU, event-loop delay and GC, under the same prefix.
    collectDefaultMetrics({ register: this.registry, prefix: 'opentas_' });
    new Gauge({
      name: 'opentas_desks_connected',
      help: 'Desks (sockets on /alerts) connected to this hub node now.',
      labelNames: ['node'],
      registers,
      collect() {
        this.reset();
        this.set({ node: vitals.node() }, vitals.connectedDesks());
      },
    });
    new Gauge({
      name: 'opentas_database_up',
      help: 'Whether this node can read its database now (1) or not (0), as GET /health checks it.',
      registers,
      async collect() {
        this.set((await vitals.databaseUp()) ? 1 : 0);
      },
    });
    if (vitals.redisUp) {
      const redisUp = vitals.redisUp;
      new Gauge({
        name: 'opentas_redis_up',
        help: "Whether this node's link to Redis is up (1) or not (0); while 0, desks are caught up from the database each second.",
        registers,
        collect() {
          this.set(redisUp() ? 1 : 0);
        },
      });
    }
    if (vitals.hotlists) {
      // Both gauges read the lists once per scrape between them; a list removed since drops out. While
      // the database cannot be read (opentas_database_up says 0) they keep their last values: a scrape
      // must answer then above all, so a failed read never fails it.
      let reading: Promise<Awaited<ReturnType<NonNullable<NodeVitals['hotlists']>>> | undefined> | undefined;
      const hotlists = vitals.hotlists;
      const read = () =>
        (reading ??= hotlists()
          .catch(() => undefined)
          .finally(() => setImmediate(() => (reading = undefined))));
      type ListVital = { ageSeconds: number; stale: boolean };
      const perList: [name: string, help: string, value: (l: ListVital) => number][] = [
        ['opentas_hotlist_age_seconds', 'Seconds since each hot list was downloaded (its downloadedAt), by list id and source.', (l) => l.ageSeconds],
        ['opentas_hotlist_stale', "Whether each hot list is stale (1: older than the policy's hotlistStaleHours) or not (0); alert on max() == 1.", (l) => (l.stale ? 1 : 0)],
      ];
      for (const [name, help, value] of perList) {
        new Gauge({
          name,
          help,
          labelNames: ['list', 'source'],
          registers,
          async collect() {
            const lists = await read();
            if (!lists) return;
            this.reset();
            for (const l of lists) this.set({ list: l.id, source: l.source }, value(l));
          },
        });
      }
    }
    this.hits = new Counter({
      name: 'opentas_hits_stored_total',
      help: 'Hits stored by this node for the first time (a resent duplicate is not counted); its rate is the ingest rate.',
      registers,
    });
    this.delivery = new Histogram({
      name: 'opentas_delivery_latency_seconds',
      help: "From an alert being stored to a desk's receipt of it (the desk has stored it). path: live, or replay when sent to catch a desk up after it connected.",
      labelNames: ['path'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.receiptLatency = new Histogram({
      name: 'opentas_receipt_latency_seconds',
      help: "From this node sending an alert to a desk to the desk's receipt (network both ways and the desk's durable write).",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.replay = new Histogram({
      name: 'opentas_replay_alerts',
      help: 'Alerts sent to a desk to catch it up when it connects (its replay backlog), one observation per connection that caught up.',
      buckets: REPLAY_BUCKETS,
      registers,
    });
    this.acks = new Counter({
      name: 'opentas_acks_total',
      help: 'Acknowledgement log entries written, by type (acknowledged, verified, action_taken, closed).',
      labelNames: ['type'],
      registers,
    });
    this.ackRefusals = new Counter({
      name: 'opentas_ack_refusals_total',
      help: 'Acknowledgement events refused (out of order, unknown alert, not delivered to the user, malformed), by code.',
      labelNames: ['code'],
      registers,
    });
    this.refusals = new Counter({
      name: 'opentas_handshake_refusals_total',
      help: 'Desk connections (socket handshakes on /alerts) refused, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.lockouts = new Counter({
      name: 'opentas_lockouts_total',
      help: 'Sign-in lockouts after 5 failures in 15 minutes; account="unknown" for usernames that name no account.',
      labelNames: ['account'],
      registers,
    });
    // Every label value from the start at 0, so a rate over the first event is right and a
    // dashboard shows "none" rather than "no data".
    this.hits.inc(0);
    for (const path of ['live', 'replay']) this.delivery.zero({ path });
    for (const type of AckType.options) this.acks.inc({ type }, 0);
    for (const code of ACK_REFUSAL_CODES) this.ackRefusals.inc({ code }, 0);
    for (const reason of HANDSHAKE_REFUSALS) this.refusals.inc({ reason }, 0);
    for (const account of ['existing', 'unknown']) this.lockouts.inc({ account }, 0);
  }

  hitStored(): void {
    this.hits.inc();
  }

  receipt(timing: ReceiptTiming): void {
    this.delivery.observe(
      { path: timing.replay ? 'replay' : 'live' },
      Math.max(0, timing.sinceStoredMs) / 1000,
    );
    this.receiptLatency.observe(Math.max(0, timing.sinceSentMs) / 1000);
  }

  replayed(alerts: number): void {
    this.replay.observe(alerts);
  }

  ackRecorded(type: AckType): void {
    this.acks.inc({ type });
  }

  ackRefused(code: string): void {
    this.ackRefusals.inc({ code: (ACK_REFUSAL_CODES as readonly string[]).includes(code) ? code : 'other' });
  }

  handshakeRefused(reason: HandshakeRefusal): void {
    this.refusals.inc({ reason });
  }

  lockout(account: 'existing' | 'unknown'): void {
    this.lockouts.inc({ account });
  }

  /** The text a Prometheus scrape reads. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
