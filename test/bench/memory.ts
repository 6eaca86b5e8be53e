/**
 * `OPENTAS_WEB_DIST=/tmp/web-mine npm run bench -- memory` (issue 13): what a desk and the hub hold.
 *
 * The hub: a child process from built JavaScript, idle and then with N desks connected (the real
 * AlertLink in worker processes, as in the storm): resident memory, the growth per desk, and what
 * the growth is (heap snapshots before and after, summed by constructor).
 * The desk: the browser host (the desk's main process without Electron) as a child process and the
 * real renderer in Chromium, signed in, idle and then with 200 alerts shown: the host's resident
 * memory, the renderer's JS heap after a collection and its DOM nodes, and the biggest consumers of
 * both heaps.
 *
 * Last line: `memory: desk_host_idle_mb=… desk_host_200_mb=… renderer_heap_idle_mb=…
 * renderer_heap_200_mb=… hub_idle_mb=… hub_desks=… hub_rss_kb_per_desk=… hub_heap_kb_per_desk=…`.
 * Knobs (env): BENCH_CLIENTS (2000 desks), BENCH_WORKERS (4).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { REPO_ROOT } from '../../scripts/build-hub.js';
import { Fleet } from './support/fleet.js';
import { describeConsumers, heapConsumers, type HeapConsumer } from './support/heap-snapshot.js';
import { startHubProcess } from './support/hub-process.js';
import { HitMaker, seedAgency, PASSWORD } from './support/illinois-desks.js';
import { postJson } from './support/latency-run.js';
import { residentMb } from './support/process-memory.js';

const DESKS = Number(process.env.BENCH_CLIENTS ?? 2000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const SHOWN = 200;
const SETTLE_MS = 3000;

const log = (line: string): void => void process.stderr.write(`[memory] ${line}\n`);
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/**
 * Sends SIGUSR2 (the process runs with --heapsnapshot-signal) and sums the snapshot it writes into
 * `dir`. The file appears before it is complete; it is read once it parses, and parsed only that once.
 */
async function nodeHeap(pid: number, dir: string, top = 8): Promise<{ total: number; consumers: HeapConsumer[] }> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (const started = Date.now(); Date.now() - started < 300_000; ) {
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (file) {
      try {
        const summary = heapConsumers(readFileSync(join(dir, file), 'utf8'), top);
        rmSync(join(dir, file));
        return summary;
      } catch {
        /* still being written */
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`process ${pid} wrote no heap snapshot`);
}

/** The groups that grew most between two snapshots of the same process. */
function growth(before: HeapConsumer[], after: HeapConsumer[]): HeapConsumer[] {
  const was = new Map(before.map((c) => [c.name, c]));
  return after
    .map((c) => ({ name: c.name, count: c.count - (was.get(c.name)?.count ?? 0), bytes: c.bytes - (was.get(c.name)?.bytes ?? 0) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

async function rendererHeap(page: Page): Promise<{ usedMb: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return { usedMb: heap.usedSize / 1048576, nodes: dom.nodes };
}

async function rendererSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

const work = mkdtempSync(join(tmpdir(), 'opentas-bench-memory-'));
const diag = join(work, 'diag');
mkdirSync(diag);
const snapshotEnv = { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${diag}` };
const stops: (() => Promise<void> | void)[] = [];

try {
  log(`load ${loadavg()[0]!.toFixed(1)}; seeding ${DESKS} desks`);
  const agency = await seedAgency(join(work, 'hub'), DESKS);
  const hub = await startHubProcess(join(work, 'hub'), 0, snapshotEnv);
  stops.push(async () => void (await hub.stop('SIGTERM')));
  // Resident sizes first: a heap snapshot makes the process grow, and it does not shrink back.
  await settle();
  const hubIdle = residentMb(hub.child.pid!);
  const fleet = await Fleet.launch({ mode: 'link', url: hub.url, desks: agency.desks, workers: WORKERS, dataDir: join(work, 'desks') });
  log(`${DESKS} desks connected`);
  await settle();
  const hubBusy = residentMb(hub.child.pid!);
  const hubBusyHeap = await nodeHeap(hub.child.pid!, diag, 40);
  await fleet.stop();
  await settle();
  // After the desks left (the snapshot collects first): what their connections had held is the difference.
  const hubAfterHeap = await nodeHeap(hub.child.pid!, diag, 40);
  // Resident memory moves with the collector's timing (a few MB either way), the heap after a collection does not.
  const perDeskKb = ((hubBusy - hubIdle) * 1024) / DESKS;
  const heapPerDeskKb = (hubBusyHeap.total - hubAfterHeap.total) / 1024 / DESKS;
  console.log(`memory: hub idle ${hubIdle.toFixed(1)} MB resident; with ${DESKS} desks ${hubBusy.toFixed(1)} MB (${perDeskKb.toFixed(1)} kB per desk); heap ${mb(hubBusyHeap.total)} MB, ${mb(hubAfterHeap.total)} MB once they left (${heapPerDeskKb.toFixed(1)} kB per desk)`);
  console.log(`memory: what ${DESKS} desks' connections hold in the hub's heap: ${describeConsumers(growth(hubAfterHeap.consumers, hubBusyHeap.consumers))}`);

  // The desk: the browser host as its own process, the renderer in Chromium.
  const host = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/webhost/cli.ts'), '--hub', hub.url, '--port', '0', '--data', join(work, 'desk')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...snapshotEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  stops.push(() => void host.kill('SIGTERM'));
  const hostUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: host.stdout! }).on('line', (line) => {
      const m = /^dev:web: open (\S+)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    host.once('exit', (code) => reject(new Error(`the browser host exited (${code}) before it listened`)));
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
  stops.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(hostUrl);
  await page.getByLabel('Username').fill(agency.desks[0]!.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('link-state').filter({ hasText: 'Receiving alerts' }).waitFor({ timeout: 120_000 });
  await settle();
  const hostIdle = residentMb(host.pid!);
  const rendererIdle = await rendererHeap(page);

  const maker = new HitMaker(agency.zones, agency.desks, 20261130, 'memory');
  for (let i = 0; i < SHOWN; i++) await postJson(`${hub.url}/api/v1/hits`, maker.next('statewide').hit, agency.ingestKey);
  await page.getByTestId('queue-count').filter({ hasText: String(SHOWN) }).waitFor({ timeout: 180_000 });
  await settle();
  const hostBusy = residentMb(host.pid!);
  const rendererBusy = await rendererHeap(page);
  const hostHeap = await nodeHeap(host.pid!, diag);
  const rendererHeapNow = heapConsumers(await rendererSnapshot(page));
  console.log(`memory: desk host (main process) idle ${hostIdle.toFixed(1)} MB resident, with ${SHOWN} alerts ${hostBusy.toFixed(1)} MB; heap ${mb(hostHeap.total)} MB, biggest: ${describeConsumers(hostHeap.consumers.slice(0, 6))}`);
  console.log(`memory: renderer JS heap idle ${rendererIdle.usedMb.toFixed(1)} MB (${rendererIdle.nodes} DOM nodes), with ${SHOWN} alerts ${rendererBusy.usedMb.toFixed(1)} MB (${rendererBusy.nodes} DOM nodes); biggest: ${describeConsumers(rendererHeapNow.consumers.slice(0, 6))}`);
  console.log(
    `memory: desk_host_idle_mb=${hostIdle.toFixed(1)} desk_host_200_mb=${hostBusy.toFixed(1)} renderer_heap_idle_mb=${rendererIdle.usedMb.toFixed(1)} renderer_heap_200_mb=${rendererBusy.usedMb.toFixed(1)} hub_idle_mb=${hubIdle.toFixed(1)} hub_desks=${DESKS} hub_rss_kb_per_desk=${perDeskKb.toFixed(1)} hub_heap_kb_per_desk=${heapPerDeskKb.toFixed(1)}`,
  );
} finally {
  for (const stop of stops.reverse()) await stop();
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
