/**
 * `npm run bench -- review-report` (issue 10): how long the supervisor waits for the monthly report
 * and for the log's first page, at 100,000 and 1,000,000 log entries in one month.
 *
 * The hub's own HTTP API and socket are too slow to write 1,000,000 entries on a build machine
 * (test/bench/support/review-seed.ts, which does it that way, made ~15 entries a second under the
 * shared machine's load), so `seed` below writes the SQLite file directly, hashed and chained by the
 * hub's functions, and the hub fills `ack_facts` itself when it opens the folder (`open_ms`). 45
 * troopers in 3 units; each alert reaches 3-6 desks of one unit; ~12% are never acknowledged; some
 * are verified twice. Folders are kept under the temp dir and reused (delete them to reseed). Then a
 * real hub serves each folder and the bench times, over HTTP:
 * GET /reports/monthly, GET /reports/metrics (the month), and GET /acks first pages (newest first,
 * 100 rows) unfiltered and with each filter the log screen offers. Each read is the median of 5.
 * Last line: `review-report: entries=1000000 monthly_ms=… first_page_ms=… ratio_1m_100k=…`
 * Knobs (env): BENCH_REVIEW_SIZES (default "100000,1000000"), BENCH_REVIEW_DIR, BENCH_REVIEW_REPEAT (5).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { entryHash } from '../../src/backend/audit/chain-hash.js';
import { startHub } from '../../src/backend/server.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { GENESIS_HASH, canonicalJson } from '../../src/shared/chain.js';
import type { AckEntry, Category, Hit } from '../../src/shared/protocol/index.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

const SIZES = (process.env.BENCH_REVIEW_SIZES ?? '100000,1000000').split(',').map(Number);
const ROOT = process.env.BENCH_REVIEW_DIR ?? join(tmpdir(), 'opentas-bench-review');
/** Runs per read (the median is printed); the report reads run at most 3 times. */
const REPEAT = Number(process.env.BENCH_REVIEW_REPEAT ?? 5);
const MONTH = '2026-11';
const START = Date.parse('2026-11-01T00:00:00.000Z');
const SPAN = 30 * 24 * 3600_000 - 3600_000;
const UNITS = ['Troop 1', 'Troop 2', 'Troop 3'];
const CATEGORIES: Category[] = ['stolen', 'stolen', 'felony', 'wanted_person', 'registration', 'amber', 'local'];
const PASSWORD = 'Bench-Review-2026';

/**
 * Writes `entries` log entries straight into the SQLite file in large transactions, hashed and
 * chained by the hub's own functions (seeding through the port, one transaction per entry, took
 * over an hour for 1,000,000 on the shared build machine). `ack_facts` is then filled by the
 * store's own backfill when the hub opens the folder, which is timed too.
 */
async function seed(dir: string, entries: number, print: (s: string) => void): Promise<void> {
  const store = openSqliteStore(dir);
  const troopers = Array.from({ length: 45 }, (_, i) => ({ id: `bench-u-${i}`, unit: UNITS[i % 3]! }));
  for (const u of troopers) {
    await store.users.add({
      id: u.id, username: u.id, displayName: u.id, roles: ['trooper'], unit: u.unit, passwordHash: 'scrypt$unusable', totpSecret: null,
      leadsCertifiedUntil: '2027-06-01T00:00:00.000Z', trainingCompletedAt: '2025-06-01T00:00:00.000Z', createdAt: '2026-10-01T00:00:00.000Z',
    });
  }
  await store.close();
  const db = new Database(dbPath(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertAlert = db.prepare('INSERT INTO alerts (id, hit, category, lat, lon, ingested_at) VALUES (?,?,?,?,?,?)');
  const insertReceipt = db.prepare('INSERT OR IGNORE INTO receipts (alert_id, user_id, client_id, received_at) VALUES (?,?,?,?)');
  const insertEntry = db.prepare('INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash) VALUES (?,?,?,?,?,?,?,?)');
  const rnd = seededRandom(entries);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const iso = (t: number) => new Date(t).toISOString();
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let n = 0;
  const began = Date.now();
  const oneAlert = (): void => {
    const t = START + (seq / entries) * SPAN;
    const unit = pick(UNITS);
    const plate = Array.from({ length: 7 }, () => pick([...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'])).join('');
    const hit: Hit = {
      id: `bench-${entries}-${++n}`, plate, plateState: 'IL', readAt: iso(t - 1000), location: { lat: 41.8, lon: -87.6 },
      camera: { id: 'cam-1', name: 'Camera 1', type: 'stationary', network: pick(['flock', 'isp', 'vehiclemanager'] as const) },
      category: pick(CATEGORIES), hotlist: { source: pick(['NCIC', 'LEADS', 'SOS'] as const), plate, state: 'IL', reason: 'Bench entry' },
    };
    insertAlert.run(hit.id, JSON.stringify(hit), hit.category, hit.location.lat, hit.location.lon, iso(t));
    const desks = troopers.filter((u) => u.unit === unit).sort(() => rnd() - 0.5).slice(0, 3 + Math.floor(rnd() * 4));
    for (const d of desks) insertReceipt.run(hit.id, d.id, `desk-${d.id}`, iso(t + 300));
    if (rnd() < 0.12) return;
    for (const d of desks.slice(0, 1 + (rnd() < 0.35 ? 1 : 0))) {
      let at = t + 20_000 + rnd() * 200_000;
      const append = (step: Pick<AckEntry, 'type' | 'verification' | 'action' | 'close'>): void => {
        at += 30_000 + rnd() * 400_000;
        const entry = { eventId: randomUUID(), alertId: hit.id, at: iso(at), ...step, seq: ++seq, userId: d.id, username: d.id, clientId: `desk-${d.id}`, serverAt: iso(at), prevHash };
        const hash = entryHash(prevHash, entry);
        insertEntry.run(seq, entry.eventId, hit.id, d.id, hit.category, entry.serverAt, canonicalJson(entry), hash);
        prevHash = hash;
      };
      append({ type: 'acknowledged' });
      if (rnd() < 0.3) continue;
      const result = rnd() < 0.75 ? 'confirmed' : 'not_confirmed';
      append({ type: 'verified', verification: { system: 'LEADS', result, plateMatchesImage: true, stateMatches: true } });
      if (rnd() < 0.06) append({ type: 'verified', verification: { system: 'NCIC', result: 'confirmed', plateMatchesImage: true, stateMatches: true } });
      if (result === 'confirmed' && rnd() < 0.5) append({ type: 'action_taken', action: { kind: 'stop', caseNumber: `2026-${String(n).padStart(6, '0')}` } });
      else if (rnd() < 0.5) append({ type: 'closed', close: { reason: result === 'confirmed' ? 'cleared' : 'misread' } });
    }
  };
  const chunk = db.transaction(() => {
    for (let i = 0; i < 2000 && seq < entries; i++) oneAlert();
  });
  while (seq < entries) {
    chunk();
    if (n % 50_000 < 2000) print(`  seeding ${entries}: ${seq.toLocaleString('en-US')} entries, ${n.toLocaleString('en-US')} alerts, ${((Date.now() - began) / 1000).toFixed(0)} s`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

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
    await seed(dir, size, (s) => console.log(s));
    console.log(`seeded ${size} entries in ${((Date.now() - t0) / 1000).toFixed(0)} s (${dir})`);
  }
  const opening = performance.now();
  const hub = await startHub({ dataDir: dir, retentionEveryMs: 0, escalationEveryMs: 0 });
  const openMs = performance.now() - opening;
  if (!(await hub.store.users.byName('bench-supervisor'))) {
    await hub.admin.addUser({ username: 'bench-supervisor', password: PASSWORD, roles: ['supervisor'], displayName: 'Bench supervisor', unit: 'Troop 1' });
  }
  const login = await fetch(`${hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-supervisor', password: PASSWORD }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = (path: string) => () => fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  const r: Record<string, number> = {
    open_ms: openMs,
    monthly_ms: await timed(get(`/reports/monthly?month=${MONTH}`), Math.min(3, REPEAT)),
    monthly_unit_ms: await timed(get(`/reports/monthly?month=${MONTH}&unit=Troop%202`), Math.min(3, REPEAT)),
    metrics_ms: await timed(get(`/reports/metrics?since=2026-11-01T00:00:00.000Z&until=2026-12-01T00:00:00.000Z`), Math.min(3, REPEAT)),
    first_page_ms: await timed(get('/acks?order=desc&limit=100')),
    unit_ms: await timed(get('/acks?order=desc&limit=100&unit=Troop%202')),
    user_ms: await timed(get('/acks?order=desc&limit=100&user=bench-u-7')),
    step_result_ms: await timed(get('/acks?order=desc&limit=100&step=verified&result=not_confirmed')),
    plate_text_ms: await timed(get('/acks?order=desc&limit=100&q=XYZ')),
    case_exact_ms: await timed(get('/acks?order=desc&limit=100&q=2026-000777')),
    week_ms: await timed(get('/acks?order=desc&limit=100&since=2026-11-10T00:00:00.000Z&until=2026-11-17T00:00:00.000Z')),
  };
  results.set(size, r);
  console.log(`entries=${size}${fresh ? ' (seeded now)' : ' (reused)'} load=${loadavg()[0]!.toFixed(1)} ${Object.entries(r).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' ')}`);
  await hub.close();
}
if (results.size < 2) process.exit(0);
const big = results.get(Math.max(...SIZES))!;
const small = results.get(Math.min(...SIZES))!;
console.log(`review-report: entries=${Math.max(...SIZES)} monthly_ms=${big.monthly_ms!.toFixed(0)} first_page_ms=${big.first_page_ms!.toFixed(1)} plate_text_ms=${big.plate_text_ms!.toFixed(1)} ratio_1m_100k=${(big.monthly_ms! / small.monthly_ms!).toFixed(1)}`);
