/**
 * `npm run bench -- storm` (issue 4): the hub is killed with SIGKILL while 2,000 desks (the real
 * AlertLink, client defaults for backoff, in worker processes over an in-memory store port) are
 * connected, started again at once on the same port and data directory, and 1,000 alerts are
 * ingested as soon as it accepts requests, while the desks are still reconnecting. Alerts are
 * zone-routed stolen-vehicle hits (each for the ~100 desks whose zones hold it) with every 50th an
 * AMBER alert (statewide: every desk). caught_up_s runs from the SIGKILL to the moment every desk
 * has shown every alert meant for it. Before the last line, the restarted hub's own figures from its
 * GET /metrics (desks connected, hits stored, replay per reconnect, delivery latency live and replayed),
 * what an operator's dashboard would show of the same storm. Last line:
 * `storm: clients=2000 caught_up_s=… lost=0 duplicates_shown=0`
 * Knobs (env): BENCH_CLIENTS, BENCH_WORKERS, BENCH_STORM_ALERTS, BENCH_BACKOFF_MAX_MS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { desksNice, Fleet } from './support/fleet.js';
import { wallNow } from './support/fleet-protocol.js';
import { spawnHubProcess, startHubProcess, type HubProcess } from './support/hub-process.js';
import { HitMaker, seedAgency } from './support/illinois-desks.js';
import { postJson, withTimeout, type Sendable } from './support/latency-run.js';
import { cpuSeconds } from './support/process-memory.js';
import { percentile } from './support/stats.js';
import { histogram, histogramQuantile, sampleValue, scrapeMetrics } from '../support/metrics-scrape.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const ALERTS = Number(process.env.BENCH_STORM_ALERTS ?? 1000);
/** The desks' reconnect backoff ceiling; the client's default (30 s) when unset. */
const BACKOFF_MAX_MS = Number(process.env.BENCH_BACKOFF_MAX_MS ?? 0);
const STATEWIDE_EVERY = 50;
/** Requests in flight at once while ingesting (a busy adapter, not one request at a time). */
const INGEST_CONCURRENCY = 8;
const DEADLINE_MS = 90_000;
const SEED = 20261129;
const METRICS_TOKEN = 'bench-storm-metrics-token-2026';

/** The restarted hub's own account of the storm (docs/metrics.md); its counters start at the restart. */
async function hubFigures(url: string): Promise<string> {
  const s = await scrapeMetrics(url, METRICS_TOKEN);
  const replay = histogram(s, 'opentas_replay_alerts');
  const p99ms = (path: string): string => (histogramQuantile(histogram(s, 'opentas_delivery_latency_seconds', { path }), 0.99) * 1000).toFixed(0);
  return [
    `desks_connected=${sampleValue(s, 'opentas_desks_connected') ?? NaN}`,
    `hits_stored=${sampleValue(s, 'opentas_hits_stored_total') ?? NaN}`,
    `reconnects_caught_up=${replay.count}`,
    `replayed_alerts=${replay.sum}`,
    `replay_per_reconnect_p99=${histogramQuantile(replay, 0.99).toFixed(0)}`,
    `delivery_live_p99_ms=${p99ms('live')}`,
    `delivery_replay_p99_ms=${p99ms('replay')}`,
    `handshakes_refused=${sampleValue(s, 'opentas_handshake_refusals_total') ?? NaN}`,
  ].join(' ');
}

/** Posts, retrying while nothing listens on the port yet (the hub is still starting). */
async function postWhenUp(url: string, body: unknown, key: string): Promise<void> {
  for (;;) {
    try {
      await postJson(url, body, key);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET') throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const DESKS_NICE = desksNice(19);
const log = (line: string): void => void process.stderr.write(`[storm] ${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'opentas-bench-storm-'));
const dataDir = join(work, 'hub');
const servers: HubProcess[] = [];
let fleet: Fleet | undefined;

try {
  const agency = await seedAgency(dataDir, CLIENTS);
  const first = await startHubProcess(dataDir);
  servers.push(first);
  fleet = await Fleet.launch({
    mode: 'link', url: first.url, desks: agency.desks, workers: WORKERS, dataDir: join(work, 'desks'), nice: DESKS_NICE,
    ...(BACKOFF_MAX_MS ? { backoff: { min: 500, max: BACKOFF_MAX_MS } } : {}),
  });
  log(`${CLIENTS} desks connected to ${first.url}`);

  const maker = new HitMaker(agency.zones, agency.desks, SEED, 'storm');
  const alerts: Sendable[] = Array.from({ length: ALERTS }, (_, i) => maker.next(i % STATEWIDE_EVERY === 0 ? 'statewide' : 'zoned'));
  const expected = alerts.reduce((n, a) => n + (a.desks?.length ?? CLIENTS), 0);
  let lastShown = 0;
  const allShown = Promise.all(
    alerts.map((a) =>
      fleet!.expect(a.hit.id, a.desks).then((times) => {
        for (const t of times) lastShown = Math.max(lastShown, t);
      }),
    ),
  );

  const desksCpuNow = (): number => fleet!.pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
  const desksCpuBefore = desksCpuNow();
  const killedAt = wallNow();
  await first.stop('SIGKILL');
  const second = spawnHubProcess(dataDir, first.port, { OPENTAS_METRICS_TOKEN: METRICS_TOKEN });
  servers.push(second);
  // "As soon as it accepts requests": the first alert is posted at once and retried until the
  // hub answers it; the rest follow, several at a time, like a busy adapter.
  await postWhenUp(`${second.url}/api/v1/hits`, alerts[0]!.hit, agency.ingestKey);
  const upAt = wallNow();
  second.listening.then(() => log(`the hub printed "listening on" ${((wallNow() - killedAt) / 1000).toFixed(2)} s after the kill`), () => {});
  log(`hub killed, started again on port ${first.port}, first alert accepted after ${((upAt - killedAt) / 1000).toFixed(2)} s`);

  let next = 1;
  const ingestOne = async (): Promise<void> => {
    while (next < alerts.length) {
      const a = alerts[next++]!;
      await postJson(`${second.url}/api/v1/hits`, a.hit, agency.ingestKey);
    }
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, ingestOne));
  const ingestedAt = wallNow();
  log(`${ALERTS} alerts ingested in ${((ingestedAt - upAt) / 1000).toFixed(2)} s (${expected} deliveries expected)`);

  let timedOut = false;
  await withTimeout(allShown, DEADLINE_MS, 'every desk to catch up').catch((err: Error) => {
    timedOut = true;
    log(err.message);
  });
  // The CPU each side spent from the kill until every desk caught up (or the deadline).
  const hubCpu = second.child.pid ? cpuSeconds(second.child.pid) : NaN;
  const desksCpu = desksCpuNow() - desksCpuBefore;
  log(`CPU from the kill until caught up: restarted hub ${hubCpu.toFixed(1)} s, desks ${desksCpu.toFixed(1)} s (${fleet.pids.length} worker processes at nice ${DESKS_NICE})`);
  const report = await fleet.report();
  const { connectedAt, ...counts } = report;
  log(`desks: ${JSON.stringify(counts)}`);
  const back = connectedAt.map((t) => (t - killedAt) / 1000);
  log(`desks connected again after the kill: p50 ${percentile(back, 50).toFixed(1)} s, p90 ${percentile(back, 90).toFixed(1)} s, last ${percentile(back, 100).toFixed(1)} s`);
  const perDesk = [...fleet.lastShown.values()].map((t) => (t - killedAt) / 1000);
  log(`desks caught up after the kill: p50 ${percentile(perDesk, 50).toFixed(1)} s, p90 ${percentile(perDesk, 90).toFixed(1)} s, p99 ${percentile(perDesk, 99).toFixed(1)} s, last ${percentile(perDesk, 100).toFixed(1)} s; ${report.connectAttempts} connection attempts`);
  const caughtUp = timedOut ? NaN : (lastShown - killedAt) / 1000;
  console.log(`storm (detail): first_ingest_s=${((upAt - killedAt) / 1000).toFixed(2)} ingest_s=${((ingestedAt - upAt) / 1000).toFixed(2)} deliveries=${expected} redelivered=${report.redelivered} connected=${report.connected} loadavg=${loadavg()[0]!.toFixed(1)}`);
  console.log(`storm (hub /metrics): ${await hubFigures(second.url)}`);
  console.log(`storm: clients=${CLIENTS} caught_up_s=${caughtUp.toFixed(2)} lost=${report.missing} duplicates_shown=${report.duplicatesShown}`);
} catch (err) {
  log(`hub stderr: ${servers.at(-1)?.stderr().slice(-4000) ?? ''}`);
  throw err;
} finally {
  await fleet?.stop();
  for (const s of servers) await s.stop('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
