/**
 * `npm run bench -- hotlist-replace` (issue 11, docs/adr/0021): replacing a 1,000,000-entry hot list
 * must not stop the hub. A hub process (built JavaScript) with a few desks on real sockets takes a
 * steady trickle of AMBER hits (20 a second, POST /hits) while the list is PUT gzip'd; then it is
 * killed and started again on the same folder and asked for a matched read until it answers.
 * Measured twice in the same run: the hub as it is (the body parsed on a worker thread) and the old
 * main-thread path (OPENTAS_HOTLIST_THREAD=off), which is the baseline of the last line's "(was …)".
 *
 * Printed per path: the PUT's duration; the hub's own event-loop delay over the PUT (max and p99,
 * perf_hooks.monitorEventLoopDelay behind prom-client's opentas_nodejs_eventloop_lag_*: reset by the
 * scrape just before the PUT, read by the one just after); the longest gap between two alerts seen
 * by a desk while the PUT ran (the trickle's cadence is 50 ms); the worst and median time from POST
 * to the last desk for the hits posted before the PUT and during it; the time from the restarted
 * hub's spawn to its first matched `POST /reads`. Last line:
 * `hotlist-replace: entries=… put_s=… (was …) max_stall_ms=… (was …) delivery_max_ms=… (was …) restart_first_read_s=… (was …)`
 * Knobs (env): HOTLIST_REPLACE_ENTRIES (default 1,000,000), HOTLIST_REPLACE_DESKS (5),
 * HOTLIST_REPLACE_SEED (20261130), HOTLIST_REPLACE_PATHS (`main,thread`; one of them alone skips the last line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { randomPlate } from './support/hotlist-data.js';
import { startHubProcess, spawnHubProcess, type HubProcess } from './support/hub-process.js';
import { HitMaker, seedAgency, type Agency } from './support/illinois-desks.js';
import { percentile } from './support/stats.js';
import { sampleValue, scrapeMetrics } from '../support/metrics-scrape.js';

const ENTRIES = Number(process.env.HOTLIST_REPLACE_ENTRIES ?? 1_000_000);
const DESKS = Number(process.env.HOTLIST_REPLACE_DESKS ?? 5);
const SEED = Number(process.env.HOTLIST_REPLACE_SEED ?? 20261130);
const PATHS = (process.env.HOTLIST_REPLACE_PATHS ?? 'main,thread').split(',') as ('main' | 'thread')[];
const EVERY_MS = 50;
const METRICS_TOKEN = 'bench-hotlist-replace-metrics-2026';
const CATEGORIES = ['stolen', 'felony', 'registration', 'wanted_person'] as const;
const STATES = ['IL', 'IN', 'WI', 'MO', 'IA'];

const log = (line: string): void => void process.stderr.write(`[hotlist-replace] ${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'opentas-bench-hotlist-replace-'));
process.once('exit', () => rmSync(work, { recursive: true, force: true }));

interface PathResult {
  putS: number;
  stallMaxMs: number;
  stallP99Ms: number;
  gapMaxMs: number;
  before: { max: number; p50: number; n: number; failed: number };
  during: { max: number; p50: number; n: number; failed: number };
  restartS: number;
}

/** The list as an adapter sends it: 1,000,000 seeded entries (about 110 MiB of JSON), gzip'd. */
function listBody(): { gz: Buffer; json: number; probe: string } {
  const rand = seededRandom(SEED);
  const entries = Array.from({ length: ENTRIES }, (_, i) => ({
    plate: randomPlate(rand, 5, 8),
    state: STATES[i % STATES.length]!,
    category: CATEGORIES[i % CATEGORIES.length]!,
    reason: 'Stolen vehicle',
    entryId: `V${String(i).padStart(9, '0')}`,
    ...(i % 4 === 0 ? { enteredAt: new Date(Date.UTC(2026, 10, 1) + (i % 2_592_000) * 1000).toISOString() } : {}),
  }));
  const json = Buffer.from(JSON.stringify({ name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries }));
  return { gz: gzipSync(json, { level: 6 }), json: json.length, probe: `${entries[12_345 % ENTRIES]!.plate}|${entries[12_345 % ENTRIES]!.state}` };
}

function connectDesks(url: string, agency: Agency, arrivals: Map<string, number[]>): Promise<Socket[]> {
  return Promise.all(
    agency.desks.map(
      (d) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(`${url}/alerts`, { transports: ['websocket'], auth: { token: d.token, clientId: d.clientId }, forceNew: true, reconnection: false });
          s.on('alert', (a: { alert: { id: string } }, cb?: (x: unknown) => void) => {
            cb?.({ received: true });
            const seen = arrivals.get(a.alert.id) ?? [];
            seen.push(performance.now());
            arrivals.set(a.alert.id, seen);
          });
          s.once('hello', () => resolve(s));
          s.once('connect_error', reject);
        }),
    ),
  );
}

const lagMs = async (url: string, name: string): Promise<number> => (sampleValue(await scrapeMetrics(url, METRICS_TOKEN), `opentas_nodejs_eventloop_lag_${name}_seconds`) ?? NaN) * 1000;

async function firstMatchedRead(url: string, key: string, probe: string): Promise<void> {
  const [plate, plateState] = probe.split('|') as [string, string];
  for (let attempt = 0; ; attempt += 1) {
    const read = { id: `bench-read-${attempt}-${Date.now()}`, plate, plateState, readAt: new Date().toISOString(), location: { lat: 41.8781, lon: -87.6298 }, camera: { id: 'isp-i55-0101', name: 'I-55 SB @ MP 101', type: 'stationary', network: 'isp' }, confidence: 0.94 };
    try {
      const res = await fetch(`${url}/api/v1/reads`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ reads: [read] }) });
      const body = (await res.json()) as { hits?: unknown[] };
      if (res.status === 202 && (body.hits?.length ?? 0) > 0) return;
      if (res.status === 202) throw new Error(`the restarted hub did not match ${plate} ${plateState}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('the restarted hub')) throw err;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function measure(path: 'thread' | 'main', gz: Buffer, probe: string): Promise<PathResult> {
  const dataDir = join(work, path);
  const agency = await seedAgency(dataDir, DESKS);
  const env = { OPENTAS_METRICS_TOKEN: METRICS_TOKEN, OPENTAS_HOTLIST_THREAD: path === 'main' ? 'off' : 'on' };
  let hub: HubProcess = await startHubProcess(dataDir, 0, env);
  const arrivals = new Map<string, number[]>();
  const desks = await connectDesks(hub.url, agency, arrivals);
  const maker = new HitMaker(agency.zones, agency.desks, SEED, `hr-${path}`);
  const posted = new Map<string, { at: number; phase: 'before' | 'during' | 'after'; failed?: boolean }>();
  let phase: 'before' | 'during' | 'after' = 'before';
  const trickle = setInterval(() => {
    const { hit } = maker.next('statewide');
    const post = { at: performance.now(), phase };
    posted.set(hit.id, post);
    // A hub that stands still long enough makes the client give up (undici: 10 s to connect): a lost alert, counted.
    void fetch(`${hub.url}/api/v1/hits`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${agency.ingestKey}` }, body: JSON.stringify(hit) })
      .then((r) => r.arrayBuffer())
      .catch(() => Object.assign(post, { failed: true }));
  }, EVERY_MS);
  await new Promise((r) => setTimeout(r, 5_000));

  await lagMs(hub.url, 'max'); // resets the hub's event-loop histogram
  phase = 'during';
  const putStart = performance.now();
  const res = await fetch(`${hub.url}/api/v1/hotlists/ncic`, { method: 'PUT', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${agency.ingestKey}` }, body: gz });
  const answer = await res.text();
  const putEnd = performance.now();
  phase = 'after';
  if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${answer.slice(0, 300)}`);
  const samples = await scrapeMetrics(hub.url, METRICS_TOKEN);
  const stallMaxMs = (sampleValue(samples, 'opentas_nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000;
  const stallP99Ms = (sampleValue(samples, 'opentas_nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  clearInterval(trickle);
  const deadline = Date.now() + 60_000;
  while ([...posted].some(([id, p]) => !p.failed && (arrivals.get(id)?.length ?? 0) < DESKS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const latencies = (which: 'before' | 'during'): PathResult['before'] => {
    const l = [...posted].filter(([, p]) => p.phase === which && !p.failed).map(([id, p]) => Math.max(...(arrivals.get(id) ?? [Infinity])) - p.at);
    return { max: Math.max(...l), p50: percentile(l, 0.5), n: l.length, failed: [...posted.values()].filter((p) => p.phase === which && p.failed).length };
  };
  // The longest wait between two alerts at the first desk while the PUT ran (the cadence is 50 ms).
  const seenAt = [...arrivals.values()].map((a) => a[0]!).filter((t) => t >= putStart && t <= putEnd).sort((a, b) => a - b);
  let gapMaxMs = 0;
  for (let i = 1; i < seenAt.length; i += 1) gapMaxMs = Math.max(gapMaxMs, seenAt[i]! - seenAt[i - 1]!);
  for (const d of desks) d.close();

  // Restart on the same folder: the stored list is loaded again before the first read is matched.
  const port = Number(new URL(hub.url).port);
  await hub.stop('SIGKILL');
  const spawned = performance.now();
  hub = spawnHubProcess(dataDir, port, env);
  await firstMatchedRead(`http://127.0.0.1:${port}`, agency.ingestKey, probe);
  const restartS = (performance.now() - spawned) / 1000;
  await hub.stop('SIGKILL');
  return { putS: (putEnd - putStart) / 1000, stallMaxMs, stallP99Ms, gapMaxMs, before: latencies('before'), during: latencies('during'), restartS };
}

const started = performance.now();
const { gz, json, probe } = listBody();
log(`list: ${ENTRIES} entries, ${(json / 2 ** 20).toFixed(1)} MiB of JSON, ${(gz.length / 2 ** 20).toFixed(1)} MiB gzip'd (made in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
const results: Record<'thread' | 'main', PathResult> = {} as never;
for (const path of PATHS) {
  const load = loadavg()[0]!.toFixed(1);
  const r = await measure(path, gz, probe);
  results[path] = r;
  console.log(
    `hotlist-replace ${path === 'thread' ? 'worker thread' : 'main thread (old)'}: load ${load}; PUT ${r.putS.toFixed(1)} s; event-loop delay during it max ${r.stallMaxMs.toFixed(0)} ms, p99 ${r.stallP99Ms.toFixed(0)} ms; ` +
      `longest gap between alerts at a desk ${r.gapMaxMs.toFixed(0)} ms; POST to last desk before the PUT p50 ${r.before.p50.toFixed(0)} / max ${r.before.max.toFixed(0)} ms (${r.before.n} hits), ` +
      `during it p50 ${r.during.p50.toFixed(0)} / max ${r.during.max.toFixed(0)} ms (${r.during.n} hits, ${r.during.failed + r.before.failed} POST(s) given up by the client); restarted hub's first matched read after ${r.restartS.toFixed(1)} s`,
  );
}
if (!results.thread || !results.main) process.exit(0);
const [t, m] = [results.thread, results.main];
console.log(
  `hotlist-replace: entries=${ENTRIES} put_s=${t.putS.toFixed(1)} (was ${m.putS.toFixed(1)}) max_stall_ms=${t.stallMaxMs.toFixed(0)} (was ${m.stallMaxMs.toFixed(0)}) ` +
    `delivery_max_ms=${t.during.max.toFixed(0)} (was ${m.during.max.toFixed(0)}; ${t.before.max.toFixed(0)} before the PUT) restart_first_read_s=${t.restartS.toFixed(1)} (was ${m.restartS.toFixed(1)}) ` +
    `stall_ratio=${(t.stallMaxMs / m.stallMaxMs).toFixed(3)}`,
);
process.exit(0);
