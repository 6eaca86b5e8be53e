/**
 * `npm run bench -- review-report` (issue 10): how long the supervisor waits for the monthly report
 * and for the log's first page, at 100,000 and 1,000,000 log entries in one month.
 *
 * The hub's own HTTP API and socket are too slow to write 1,000,000 entries on a build machine
 * (test/bench/support/review-seed.ts, which does it that way, made ~15 entries a second under the
 * shared machine's load), so support/review-log-file.ts writes the SQLite file directly, hashed and
 * chained by the hub's functions, and the hub fills `ack_facts` itself when it opens the folder (`open_ms`). 45
 * troopers in 3 units; each alert reaches 3-6 desks of one unit; ~12% are never acknowledged; some
 * are verified twice. Folders are kept under the temp dir and reused (delete them to reseed). Then a
 * real hub serves each folder and the bench times, over HTTP:
 * GET /reports/monthly, GET /reports/metrics (the month), and GET /acks first pages (newest first,
 * 100 rows) unfiltered and with each filter the log screen offers. Each read is the median of 5.
 * Last line: `review-report: entries=1000000 monthly_ms=… first_page_ms=… ratio_1m_100k=…`
 * Knobs (env): BENCH_REVIEW_SIZES (default "100000,1000000"), BENCH_REVIEW_DIR, BENCH_REVIEW_REPEAT (5).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../../src/backend/server.js';
import type { Category } from '../../src/shared/protocol/index.js';
import { writeReviewLog } from './support/review-log-file.js';

const SIZES = (process.env.BENCH_REVIEW_SIZES ?? '100000,1000000').split(',').map(Number);
const ROOT = process.env.BENCH_REVIEW_DIR ?? join(tmpdir(), 'opentas-bench-review');
/** Runs per read (the median is printed); the report reads run at most 3 times. */
const REPEAT = Number(process.env.BENCH_REVIEW_REPEAT ?? 5);
const MONTH = '2026-11';
const START = Date.parse('2026-11-01T00:00:00.000Z');
const SPAN = 30 * 24 * 3600_000 - 3600_000;
const CATEGORIES: Category[] = [
  'stolen',
  'stolen',
  'felony',
  'wanted_person',
  'registration',
  'amber',
  'local',
];
const PASSWORD = 'Bench-Review-2026';

async function timed(run: () => Promise<Response>, times = REPEAT): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const res = await run();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`bench read failed: ${res.status}`);
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
}

const results = new Map<number, Record<string, number>>();
for (const size of SIZES) {
  const dir = join(ROOT, String(size));
  const fresh = !existsSync(join(dir, 'hub.sqlite'));
  if (fresh) {
    mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    // The seed is the size, as it always was: the same folder for the same size.
    await writeReviewLog(dir, {
      entries: size,
      seed: size,
      start: START,
      spanMs: SPAN,
      categories: CATEGORIES,
      print: (s) => console.log(s),
    });
    console.log(`seeded ${size} entries in ${((Date.now() - t0) / 1000).toFixed(0)} s (${dir})`);
  }
  const opening = performance.now();
  const hub = await startHub({ dataDir: dir, retentionEveryMs: 0, escalationEveryMs: 0 });
  const openMs = performance.now() - opening;
  if (!(await hub.store.users.byName('bench-supervisor'))) {
    await hub.admin.addUser({
      username: 'bench-supervisor',
      password: PASSWORD,
      roles: ['supervisor'],
      displayName: 'Bench supervisor',
      unit: 'Troop 1',
    });
  }
  const login = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-supervisor', password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = (path: string) => () =>
    fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  const r: Record<string, number> = {
    open_ms: openMs,
    monthly_ms: await timed(get(`/reports/monthly?month=${MONTH}`), Math.min(3, REPEAT)),
    monthly_unit_ms: await timed(get(`/reports/monthly?month=${MONTH}&unit=Troop%202`), Math.min(3, REPEAT)),
    metrics_ms: await timed(
      get(`/reports/metrics?since=2026-11-01T00:00:00.000Z&until=2026-12-01T00:00:00.000Z`),
      Math.min(3, REPEAT),
    ),
    first_page_ms: await timed(get('/acks?order=desc&limit=100')),
    unit_ms: await timed(get('/acks?order=desc&limit=100&unit=Troop%202')),
    user_ms: await timed(get('/acks?order=desc&limit=100&user=bench-u-7')),
    step_result_ms: await timed(get('/acks?order=desc&limit=100&step=verified&result=not_confirmed')),
    plate_text_ms: await timed(get('/acks?order=desc&limit=100&q=XYZ')),
    case_exact_ms: await timed(get('/acks?order=desc&limit=100&q=2026-000777')),
    week_ms: await timed(
      get('/acks?order=desc&limit=100&since=2026-11-10T00:00:00.000Z&until=2026-11-17T00:00:00.000Z'),
    ),
  };
  results.set(size, r);
  console.log(
    `entries=${size}${fresh ? ' (seeded now)' : ' (reused)'} load=${loadavg()[0]!.toFixed(1)} ${Object.entries(
      r,
    )
      .map(([k, v]) => `${k}=${v.toFixed(1)}`)
      .join(' ')}`,
  );
  await hub.close();
}
if (results.size < 2) process.exit(0);
const big = results.get(Math.max(...SIZES))!;
const small = results.get(Math.min(...SIZES))!;
console.log(
  `review-report: entries=${Math.max(...SIZES)} monthly_ms=${big.monthly_ms!.toFixed(0)} first_page_ms=${big.first_page_ms!.toFixed(1)} plate_text_ms=${big.plate_text_ms!.toFixed(1)} ratio_1m_100k=${(big.monthly_ms! / small.monthly_ms!).toFixed(1)}`,
);
