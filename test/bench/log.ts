/**
 * `npm run bench -- log` (issue 13): the acknowledgement log's rate and its chain check.
 *
 * - appends: the stores' own `append` (the eventId look-up, the alert's trail for the order check,
 *   the chain head, the hash, the insert and its search rows), the way the hub's ack desk calls it.
 *   Each alert gets `acknowledged` then `verified`, so every second append reads a trail of one.
 *   BENCH_LOG_CONCURRENCY appends in flight, as many desks acknowledging at once have them (the
 *   figure on the last line); SQLite also one at a time. SQLite in a temp folder with the hub's own
 *   pragmas; Postgres in a cluster started here on loopback (fsync off, like the tests': the figure
 *   is the hub's work, not the disk's).
 * - verify: `verifyChain` (what `GET /audit/verify` and `opentas-hub audit verify` run) over a log
 *   of BENCH_LOG_VERIFY entries (default 1,000,000), written straight into SQLite with the hub's own
 *   hashing (cached in the temp dir between runs), timed in this process (on worker threads, the
 *   default; in process alone; and, unless BENCH_LOG_BEFORE=0, the check as it was before issue 13,
 *   support/chain-check-before.ts, for the ratio in the same conditions) and as the CLI command run
 *   from the hub's build. Wall time and CPU time (all threads) are printed: on a shared machine the
 *   CPU time says more.
 *
 * Last line: `log: sqlite_appends_per_s=… pg_appends_per_s=… verify_1m_s=…`. Goals (issue 13):
 * 10,000 appends/s on SQLite, 1,000,000 entries verified in under 2 s. Figures, not assertions.
 * Knobs (env): BENCH_LOG_APPENDS (20000), BENCH_LOG_PG_APPENDS (5000), BENCH_LOG_CONCURRENCY (16),
 * BENCH_LOG_VERIFY (1000000), BENCH_LOG_VERIFY_DIR, BENCH_LOG_BEFORE (1).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainReport, verifyChain } from '../../src/backend/audit/chain-verifier.js';
import type { AckDraft, AckLogStore } from '../../src/backend/store/port.js';
import { openPostgresStore } from '../../src/backend/store/postgres/index.js';
import { openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { checkAckOrder } from '../../src/shared/ack/order.js';
import type { AckEvent } from '../../src/shared/protocol/index.js';
import { PostgresCluster, scaleOutServices } from '../support/services.js';
import { verifyChainBefore } from './support/chain-check-before.js';
import { writeChainedLog } from './support/chained-log-file.js';
import { prepareHubBuild } from './support/hub-process.js';

const APPENDS = Number(process.env.BENCH_LOG_APPENDS ?? 20_000);
const PG_APPENDS = Number(process.env.BENCH_LOG_PG_APPENDS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_LOG_CONCURRENCY ?? 16);
const VERIFY = Number(process.env.BENCH_LOG_VERIFY ?? 1_000_000);
const VERIFY_DIR = process.env.BENCH_LOG_VERIFY_DIR ?? join(tmpdir(), `opentas-bench-log-${VERIFY}`);
const BEFORE = process.env.BENCH_LOG_BEFORE !== '0';

/** Wall seconds and CPU seconds (every thread of this process) of `work`. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

/** The i-th append: alert i/2, acknowledged then verified. */
function draft(i: number): AckDraft {
  const alertId = `bench-alert-${Math.floor(i / 2)}`;
  const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  const event: AckEvent =
    i % 2 === 0
      ? { eventId: randomUUID(), alertId, type: 'acknowledged', at }
      : {
          eventId: randomUUID(), alertId, type: 'verified', at,
          verification: { system: 'LEADS', result: 'confirmed', plateMatchesImage: true, stateMatches: true, queryReference: `Q${i}` },
        };
  return { ...event, userId: 'bench-u-1', username: 'bench.trooper', clientId: 'bench-desk', serverAt: at };
}

/** Appends per second, and CPU microseconds per append. */
async function appendAll(acks: AckLogStore, count: number, concurrency: number): Promise<{ rate: number; cpuUs: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  // A lane takes one alert at a time, so its `verified` follows its `acknowledged`, as at a desk.
  const lane = async () => {
    for (let pair = next++; pair * 2 < count; pair = next++) {
      for (const i of [pair * 2, pair * 2 + 1].filter((n) => n < count)) {
        const d = draft(i);
        const outcome = await acks.append(d, (trail) => {
          const check = checkAckOrder(trail, d, d.userId);
          return check.ok ? undefined : { code: check.code, message: check.message };
        });
        if (!outcome.ok) throw new Error(`append ${i} refused: ${outcome.error.code}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const used = process.cpuUsage(cpu);
  return { rate: count / ((performance.now() - t0) / 1000), cpuUs: (used.user + used.system) / count };
}

async function sqliteAppends(inFlight: number): Promise<{ rate: number; cpuUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-bench-log-sqlite-'));
  const store = openSqliteStore(dir);
  try {
    const rate = await appendAll(store.acks, APPENDS, inFlight);
    const report = await verifyChain(store.acks);
    if (!report.ok || report.entries !== APPENDS) throw new Error(`sqlite chain after appends: ${JSON.stringify(report)}`);
    return rate;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgAppends(): Promise<{ rate: number; cpuUs: number } | 'not_run'> {
  const services = scaleOutServices(true);
  if (!services.ok || !services.pgBin) {
    console.log(`log: postgres not measured: ${services.reason}`);
    return 'not_run';
  }
  const cluster = await PostgresCluster.start(services.pgBin);
  try {
    const store = await openPostgresStore(await cluster.createDatabase('benchlog'));
    try {
      const rate = await appendAll(store.acks, PG_APPENDS, CONCURRENCY);
      const report = await verifyChain(store.acks);
      if (!report.ok || report.entries !== PG_APPENDS) throw new Error(`postgres chain after appends: ${JSON.stringify(report)}`);
      return rate;
    } finally {
      await store.close();
    }
  } finally {
    await cluster.stop();
  }
}

async function verifyLarge(): Promise<{ threads: number; inProcess: number; before?: number; cliS: number }> {
  if (!existsSync(VERIFY_DIR)) {
    const t0 = performance.now();
    await writeChainedLog(VERIFY_DIR, VERIFY, (line) => console.log(`log: ${line}`));
    console.log(`log: wrote ${VERIFY} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s to ${VERIFY_DIR}`);
  }
  const store = openSqliteStore(VERIFY_DIR);
  const runs: [string, () => Promise<ChainReport>][] = [
    ['on worker threads (the default)', () => verifyChain(store.acks)],
    ['in process alone (threads: 1)', () => verifyChain(store.acks, { threads: 1 })],
    ...(BEFORE ? [['as before issue 13', () => verifyChainBefore(store.acks)] as [string, () => Promise<ChainReport>]] : []),
  ];
  const wall: number[] = [];
  try {
    for (const [name, run] of runs) {
      const { value: report, wallS, cpuS } = await timed(run);
      if (!report.ok || report.entries < VERIFY) throw new Error(`verify ${name}: ${JSON.stringify(report)}`);
      console.log(`log: verify ${VERIFY} entries ${name}: ${wallS.toFixed(2)} s, ${cpuS.toFixed(2)} s of CPU`);
      wall.push(wallS);
    }
  } finally {
    await store.close();
  }
  // The operator's command from the hub's build (as deployed), start-up included.
  const cli = await prepareHubBuild();
  const t1 = performance.now();
  const out = execFileSync(process.execPath, [cli, 'audit', 'verify', '--data', VERIFY_DIR], { encoding: 'utf8' });
  const cliS = (performance.now() - t1) / 1000;
  if (!/ok/.test(out)) throw new Error(`audit verify said: ${out}`);
  return { threads: wall[0]!, inProcess: wall[1]!, ...(BEFORE ? { before: wall[2]! } : {}), cliS };
}

console.log(`log: load ${loadavg()[0]!.toFixed(1)} on ${process.platform}; appends sqlite=${APPENDS} pg=${PG_APPENDS}; verify ${VERIFY}`);
const sqliteOne = await sqliteAppends(1);
const sqlite = await sqliteAppends(CONCURRENCY);
console.log(
  `log: sqlite ${sqliteOne.rate.toFixed(0)} appends/s one at a time (${sqliteOne.cpuUs.toFixed(0)} us of CPU each), ` +
    `${sqlite.rate.toFixed(0)} appends/s with ${CONCURRENCY} in flight (${sqlite.cpuUs.toFixed(0)} us of CPU each)`,
);
const pg = await pgAppends();
const pgFigure = typeof pg === 'object' ? pg.rate.toFixed(0) : pg;
console.log(`log: postgres ${pgFigure} appends/s with ${CONCURRENCY} in flight${typeof pg === 'object' ? ` (${pg.cpuUs.toFixed(0)} us of the hub's CPU each)` : ''}`);
const verify = await verifyLarge();
console.log(
  `log: verify ${VERIFY} entries: ${verify.threads.toFixed(2)} s on threads, ${verify.inProcess.toFixed(2)} s in process` +
    (verify.before !== undefined ? `, ${verify.before.toFixed(2)} s as before (${(verify.before / verify.threads).toFixed(1)}x)` : '') +
    `, ${verify.cliS.toFixed(2)} s as \`opentas-hub audit verify\` (build); load now ${loadavg()[0]!.toFixed(1)}`,
);
console.log(`log: sqlite_appends_per_s=${sqlite.rate.toFixed(0)} pg_appends_per_s=${pgFigure} verify_1m_s=${verify.threads.toFixed(2)}`);
process.exit(0);
