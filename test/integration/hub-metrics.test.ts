/**
 * `GET /metrics` (docs/metrics.md) on a real hub: off (404) unless configured, 401 without the
 * right bearer token, and each figure moves by exactly what the test did: a desk connecting and
 * leaving, a hit stored (not its duplicate), its receipt, a replay on reconnect, acknowledgements
 * recorded and refused, a refused handshake, and lockouts of a real and of an unknown username.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  histogram,
  parseExposition,
  sampleValue,
  scrapeMetrics,
  type Sample,
} from '../support/metrics-scrape.js';
import { ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, runCli, spawnHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOKEN = 'metrics-test-token-0123456789abcdef';

describe('GET /metrics', () => {
  let t: TestHub;
  const scrape = (): Promise<Sample[]> => scrapeMetrics(t.url, TOKEN);
  const metric = async (name: string, labels: Record<string, string> = {}): Promise<number | undefined> =>
    sampleValue(await scrape(), name, labels);

  beforeAll(async () => {
    t = await startTestHub({ metrics: { token: TOKEN, node: 'node-a' } });
  });
  afterAll(async () => t.close());

  it('answers 401 and nothing else without the right bearer token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Basic ${TOKEN}` },
      { authorization: `Bearer ${TOKEN}x` },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${t.url}/metrics`, { headers });
      const text = await res.text();
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.parse(text)).toEqual({
        error: { code: 'unauthorized', message: 'a valid bearer token is required' },
      });
      expect(text).not.toContain('opentas_');
    }
  });

  it('serves the Prometheus text format with a HELP line for every opentas_ metric', async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'opentas_desks_connected',
      'opentas_hits_stored_total',
      'opentas_delivery_latency_seconds',
      'opentas_receipt_latency_seconds',
      'opentas_replay_alerts',
      'opentas_acks_total',
      'opentas_ack_refusals_total',
      'opentas_handshake_refusals_total',
      'opentas_lockouts_total',
      'opentas_database_up',
      'opentas_process_resident_memory_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name.replace(/_total$/, '')}(_total)? \\S`, 'm'));
    }
    const samples = parseExposition(text);
    expect(samples.every((s) => s.name.startsWith('opentas_'))).toBe(true);
    expect(sampleValue(samples, 'opentas_database_up')).toBe(1);
    // Without Redis there is no Redis link to report.
    expect(sampleValue(samples, 'opentas_redis_up')).toBeUndefined();
  });

  it('moves each figure by what happened', async () => {
    const trooper = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    const before = await scrape();
    const at = (samples: Sample[], name: string, labels: Record<string, string> = {}): number =>
      sampleValue(samples, name, labels) ?? NaN;
    expect(at(before, 'opentas_desks_connected', { node: 'node-a' })).toBe(0);

    // A desk connects (nothing to replay yet) and gets one live alert; the same hit again is a duplicate.
    const desk = t.connect({ token: trooper.token, clientId: 'desk-metrics' });
    await desk.ready();
    expect(await metric('opentas_desks_connected', { node: 'node-a' })).toBe(1);
    const hit = makeHit({ category: 'felony' });
    expect((await t.postHit(hit)).status).toBe(202);
    expect((await t.postHit(hit)).status).toBe(200);
    await desk.alertCount(1);
    await waitFor(async () => (await t.hub.store.receipts.forAlert(hit.id)).length === 1, 'the receipt');

    // Acknowledged once (recorded), then again (refused: already acknowledged), then a malformed event.
    expect(await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).toMatchObject({ ok: true });
    expect(await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).toMatchObject({
      ok: false,
      error: { code: 'already_acknowledged' },
    });
    expect(await desk.sendAck({ alertId: hit.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_event' },
    });

    // A handshake with a token the hub never issued.
    const stranger = t.connect({ token: 'not-a-token' });
    expect(await stranger.refused()).toBe('unauthorized');

    // Five failed sign-ins lock an account; five for a username that names none lock it the same way.
    const victim = await t.addUser(['trooper']);
    for (const username of [victim.username, 'nobody-by-this-name']) {
      for (let i = 0; i < 5; i++)
        expect(
          (await t.api('POST', '/session', { body: { username, password: 'wrong-password-1' } })).status,
        ).toBe(401);
      expect(
        (await t.api('POST', '/session', { body: { username, password: 'wrong-password-1' } })).status,
      ).toBe(423);
    }

    // The desk leaves and comes back from seq 0: the one alert is replayed to it.
    desk.close();
    await waitFor(
      async () => (await metric('opentas_desks_connected', { node: 'node-a' })) === 0,
      'the desk to be gone',
    );
    const again = t.connect({ token: trooper.token, clientId: 'desk-metrics', resumeFrom: 0 });
    await again.alertCount(1);
    await waitFor(
      async () =>
        (await t.hub.store.receipts.forAlert(hit.id)).length === 1 &&
        (await metric('opentas_delivery_latency_seconds_count', { path: 'replay' })) ===
          at(before, 'opentas_delivery_latency_seconds_count', { path: 'replay' }) + 1,
      'the replayed receipt',
    );

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}): number =>
      at(after, name, labels) - at(before, name, labels);
    expect(at(after, 'opentas_desks_connected', { node: 'node-a' })).toBe(1);
    expect(moved('opentas_hits_stored_total')).toBe(1);
    expect(moved('opentas_delivery_latency_seconds_count', { path: 'live' })).toBe(1);
    expect(moved('opentas_delivery_latency_seconds_count', { path: 'replay' })).toBe(1);
    expect(moved('opentas_receipt_latency_seconds_count')).toBe(2);
    // Two connections caught up: the first with nothing to replay, the second with the one alert.
    expect(moved('opentas_replay_alerts_count')).toBe(2);
    expect(moved('opentas_replay_alerts_sum')).toBe(1);
    expect(moved('opentas_acks_total', { type: 'acknowledged' })).toBe(1);
    expect(moved('opentas_acks_total', { type: 'verified' })).toBe(0);
    expect(moved('opentas_ack_refusals_total', { code: 'already_acknowledged' })).toBe(1);
    expect(moved('opentas_ack_refusals_total', { code: 'invalid_event' })).toBe(1);
    expect(moved('opentas_handshake_refusals_total', { reason: 'unauthorized' })).toBe(1);
    expect(moved('opentas_handshake_refusals_total')).toBe(1);
    expect(moved('opentas_lockouts_total', { account: 'existing' })).toBe(1);
    expect(moved('opentas_lockouts_total', { account: 'unknown' })).toBe(1);
    // A live alert on loopback is well inside the buckets, and the buckets add up.
    const live = histogram(after, 'opentas_delivery_latency_seconds', { path: 'live' });
    expect(live.buckets.at(-1)).toEqual({ le: Infinity, count: live.count });
    expect(live.sum).toBeGreaterThanOrEqual(0);
  });
});

describe('GET /metrics, not configured', () => {
  it('is 404 like any unknown route', async () => {
    const t = await startTestHub();
    try {
      const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    } finally {
      await t.close();
    }
  });

  it('refuses a token shorter than 16 characters', async () => {
    await expect(startTestHub({ metrics: { token: 'short' } })).rejects.toThrow(/at least 16 characters/);
  });
});

describe('opentas-hub serve with OPENTAS_METRICS_TOKEN', () => {
  it('serves /metrics for that token, and refuses a short one with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-metrics-cli-'));
    try {
      const short = await runCli(['serve', '--port', '0', '--data', dir], { OPENTAS_METRICS_TOKEN: 'short' });
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('OPENTAS_METRICS_TOKEN must be at least 16 characters');
      const hub = await spawnHub(dir, [], { OPENTAS_METRICS_TOKEN: TOKEN });
      try {
        const samples = await scrapeMetrics(hub.url, TOKEN);
        expect(sampleValue(samples, 'opentas_desks_connected')).toBe(0);
        expect((await fetch(`${hub.url}/metrics`)).status).toBe(401);
      } finally {
        expect(await hub.stop()).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
