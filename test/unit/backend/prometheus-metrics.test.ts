/**
 * The metrics port on prom-client, without a hub: what each report adds, label values kept to their
 * closed lists, a registry per instance (two never see each other's figures), and the test's own
 * reader of the text format (a quantile interpolated in its bucket as Prometheus does).
 */
import { describe, expect, it } from 'vitest';
import { PrometheusHubMetrics, type NodeVitals } from '../../../src/backend/metrics/prometheus-metrics.js';
import { handshakeRefusal } from '../../../src/backend/metrics/hub-metrics.js';
import {
  histogram,
  histogramQuantile,
  histogramSince,
  parseExposition,
  sampleValue,
} from '../../support/metrics-scrape.js';

const vitals = (desks: number, redis?: boolean): NodeVitals => ({
  node: () => 'node-x',
  connectedDesks: () => desks,
  databaseUp: async () => true,
  ...(redis === undefined ? {} : { redisUp: () => redis }),
});

const read = async (m: PrometheusHubMetrics) => parseExposition((await m.exposition()).text);

describe('PrometheusHubMetrics', () => {
  it('adds exactly what is reported, per label', async () => {
    const m = new PrometheusHubMetrics(vitals(3, false));
    m.hitStored();
    m.hitStored();
    m.receipt({ sinceStoredMs: 40, sinceSentMs: 12, replay: false });
    m.receipt({ sinceStoredMs: 7_200_000, sinceSentMs: 30, replay: true });
    m.replayed(0);
    m.replayed(120);
    m.ackRecorded('verified');
    m.ackRefused('not_acknowledged');
    m.ackRefused('some message a store might throw');
    m.handshakeRefused(handshakeRefusal('token_expired'));
    m.handshakeRefused(handshakeRefusal('connect ECONNREFUSED 10.0.0.5:5432'));
    m.lockout('unknown');
    const s = await read(m);
    expect(sampleValue(s, 'opentas_desks_connected', { node: 'node-x' })).toBe(3);
    expect(sampleValue(s, 'opentas_redis_up')).toBe(0);
    expect(sampleValue(s, 'opentas_database_up')).toBe(1);
    expect(sampleValue(s, 'opentas_hits_stored_total')).toBe(2);
    expect(sampleValue(s, 'opentas_delivery_latency_seconds_sum', { path: 'live' })).toBeCloseTo(0.04);
    expect(sampleValue(s, 'opentas_delivery_latency_seconds_count', { path: 'replay' })).toBe(1);
    expect(sampleValue(s, 'opentas_receipt_latency_seconds_sum')).toBeCloseTo(0.042);
    expect(sampleValue(s, 'opentas_replay_alerts_count')).toBe(2);
    expect(sampleValue(s, 'opentas_replay_alerts_sum')).toBe(120);
    expect(sampleValue(s, 'opentas_acks_total')).toBe(1);
    expect(sampleValue(s, 'opentas_acks_total', { type: 'verified' })).toBe(1);
    expect(sampleValue(s, 'opentas_ack_refusals_total', { code: 'not_acknowledged' })).toBe(1);
    // Unknown codes and reasons never become label values (no message, address or user in a label).
    expect(sampleValue(s, 'opentas_ack_refusals_total', { code: 'other' })).toBe(1);
    expect(sampleValue(s, 'opentas_handshake_refusals_total', { reason: 'token_expired' })).toBe(1);
    expect(sampleValue(s, 'opentas_handshake_refusals_total', { reason: 'internal' })).toBe(1);
    expect(
      s.filter((x) => x.name === 'opentas_handshake_refusals_total').map((x) => x.labels.reason),
    ).toHaveLength(6);
    expect(sampleValue(s, 'opentas_lockouts_total', { account: 'unknown' })).toBe(1);
    expect(sampleValue(s, 'opentas_lockouts_total', { account: 'existing' })).toBe(0);
  });

  it('keeps each instance to itself and leaves out Redis when the node has none', async () => {
    const a = new PrometheusHubMetrics(vitals(1));
    const b = new PrometheusHubMetrics(vitals(2));
    a.hitStored();
    expect(sampleValue(await read(a), 'opentas_hits_stored_total')).toBe(1);
    expect(sampleValue(await read(b), 'opentas_hits_stored_total')).toBe(0);
    expect(sampleValue(await read(b), 'opentas_redis_up')).toBeUndefined();
  });
});

describe("metrics-scrape (the tests' reader of /metrics)", () => {
  const text = [
    '# HELP x_seconds a histogram',
    '# TYPE x_seconds histogram',
    'x_seconds_bucket{le="0.1",path="live"} 50',
    'x_seconds_bucket{le="0.2",path="live"} 90',
    'x_seconds_bucket{le="0.5",path="live"} 100',
    'x_seconds_bucket{le="+Inf",path="live"} 100',
    'x_seconds_sum{path="live"} 9.5',
    'x_seconds_count{path="live"} 100',
    'y_total{msg="a \\"quoted\\" value"} 3',
  ].join('\n');

  it('reads samples, escaped labels and histograms', () => {
    const s = parseExposition(text);
    expect(sampleValue(s, 'y_total', { msg: 'a "quoted" value' })).toBe(3);
    const h = histogram(s, 'x_seconds', { path: 'live' });
    expect(h).toEqual({
      buckets: [
        { le: 0.1, count: 50 },
        { le: 0.2, count: 90 },
        { le: 0.5, count: 100 },
        { le: Infinity, count: 100 },
      ],
      count: 100,
      sum: 9.5,
    });
  });

  it('interpolates a quantile inside its bucket as histogram_quantile does', () => {
    const h = histogram(parseExposition(text), 'x_seconds', { path: 'live' });
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(0.1); // rank 50: the top of the first bucket
    expect(histogramQuantile(h, 0.7)).toBeCloseTo(0.15); // rank 70: half way through (0.1, 0.2]
    expect(histogramQuantile(h, 0.99)).toBeCloseTo(0.47); // rank 99: 9/10 of (0.2, 0.5]
    const none = histogramSince(h, h);
    expect(none.count).toBe(0);
    expect(histogramQuantile(none, 0.99)).toBeNaN();
  });
});
