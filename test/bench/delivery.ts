/**
 * `npm run bench -- delivery` (issue 4): one hub, 2,000 connected desks, each the real AlertLink
 * (in worker processes, over an in-memory store port), alerts ingested over HTTP one at a time;
 * latency from the ingest request to each desk's receipt, against a bare socket.io
 * emit-with-acknowledgement to the same 2,000 socket.io-client connections, measured in the same run.
 * Before the last line: zone-routed alerts (each for the ~100 desks whose zones hold it; the
 * baseline emits to those desks only), and 20 desks running the whole client app with its durable,
 * encrypted Inbox. Last line:
 * `delivery: clients=2000 p50_ms=… p99_ms=… baseline_p99_ms=… ratio=…`
 * Knobs (env): BENCH_CLIENTS, BENCH_WORKERS, BENCH_ALERTS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fleet } from './support/fleet.js';
import type { DeskMode, DeskSpec } from './support/fleet-protocol.js';
import { startBareProcess, startHubProcess, type HubProcess } from './support/hub-process.js';
import { HitMaker, seedAgency, type Agency } from './support/illinois-desks.js';
import { latencySeries, postJson, type Sendable } from './support/latency-run.js';
import { ms, summarize, type LatencySummary } from './support/stats.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 100);
const WARMUP = 10;
const INBOX_CLIENTS = 20;
const SEED = 20261128;

type Kind = 'statewide' | 'zoned';
type Series = Partial<Record<Kind, LatencySummary>>;

const work = mkdtempSync(join(tmpdir(), 'opentas-bench-delivery-'));
const log = (line: string): void => void process.stderr.write(`[delivery] ${line}\n`);

async function runFleet(
  server: HubProcess,
  mode: DeskMode,
  agency: Agency,
  desks: DeskSpec[],
  workers: number,
  kinds: Kind[],
  post: (server: HubProcess, s: Sendable) => Promise<void>,
): Promise<Series> {
  const fleet = await Fleet.launch({ mode, url: server.url, desks, workers, dataDir: join(work, `${mode}-${desks.length}`) });
  const out: Series = {};
  try {
    for (const kind of kinds) {
      // The same seed for the baseline and the hub: the same points, so the same recipients.
      const maker = new HitMaker(agency.zones, desks, SEED, `${mode}-${kind}-${desks.length}`);
      const count = kind === 'zoned' ? ALERTS * 2 : ALERTS;
      const latencies = await latencySeries({ fleet, count, warmup: WARMUP, next: () => maker.next(kind), post: (s) => post(server, s) });
      out[kind] = summarize(latencies);
      log(`${mode} ${kind} clients=${desks.length}: p50 ${ms(out[kind].p50)} ms, p99 ${ms(out[kind].p99)} ms (${latencies.length} receipts)`);
    }
    const report = await fleet.report();
    if (mode !== 'bare') log(`${mode} clients=${desks.length}: ${JSON.stringify(report)}`);
    if (report.duplicatesShown > 0) throw new Error(`${report.duplicatesShown} alerts were shown twice`);
  } finally {
    await fleet.stop();
  }
  return out;
}

let bareSeq = 0;
const postBare = async (server: HubProcess, s: Sendable): Promise<void> => {
  const envelope = { seq: ++bareSeq, alert: { id: s.hit.id, hit: s.hit, ingestedAt: new Date().toISOString() } };
  await postJson(`${server.url}/emit`, { envelope, desks: s.desks });
};
const postHub = (key: string) => async (server: HubProcess, s: Sendable): Promise<void> => {
  await postJson(`${server.url}/api/v1/hits`, s.hit, key);
};

async function measure(size: number, mode: DeskMode, workers: number, kinds: Kind[]): Promise<{ hub: Series; bare: Series }> {
  const dataDir = join(work, `hub-${size}`);
  const agency = await seedAgency(dataDir, size);
  const desks = agency.desks;
  const baseline = await startBareProcess();
  let bare: Series;
  try {
    bare = await runFleet(baseline, 'bare', agency, desks, workers, kinds, postBare);
  } finally {
    await baseline.kill('SIGTERM');
  }
  const hubProcess = await startHubProcess(dataDir);
  try {
    return { bare, hub: await runFleet(hubProcess, mode, agency, desks, workers, kinds, postHub(agency.ingestKey)) };
  } catch (err) {
    log(`hub stderr: ${hubProcess.stderrTail()}`);
    throw err;
  } finally {
    await hubProcess.kill('SIGTERM');
  }
}

function line(label: string, clients: number, hub: LatencySummary, bare: LatencySummary): string {
  return `${label}: clients=${clients} p50_ms=${ms(hub.p50)} p99_ms=${ms(hub.p99)} baseline_p99_ms=${ms(bare.p99)} ratio=${(hub.p99 / bare.p99).toFixed(2)}`;
}

try {
  const big = await measure(CLIENTS, 'link', WORKERS, ['statewide', 'zoned']);
  const small = await measure(INBOX_CLIENTS, 'inbox', 1, ['statewide']);
  console.log(line('delivery zone-routed', CLIENTS, big.hub.zoned!, big.bare.zoned!));
  console.log(line('delivery durable-inbox', INBOX_CLIENTS, small.hub.statewide!, small.bare.statewide!));
  console.log(line('delivery', CLIENTS, big.hub.statewide!, big.bare.statewide!));
} finally {
  rmSync(work, { recursive: true, force: true });
}
