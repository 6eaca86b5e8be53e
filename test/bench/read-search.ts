/**
 * `npm run bench -- read-search` (issue 11): `GET /reads` over 1,000,000 stored reads (SQLite, 30
 * days of reads of seeded random plates). Each kind of search runs through the store's own query
 * (ReadArchive.search, 100 a page) and is timed against a full scan of the reads table for the same
 * plate (`NOT INDEXED`): an exact plate must cost a tiny fraction of the scan; a leading wildcard
 * walks the (read_at, plate) index and costs up to a scan of that index for a rare pattern.
 * Last line: `read-search: reads=… exact_vs_scan=… prefix_vs_scan=… leading_1day_vs_scan=… leading_all_vs_scan=…`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { parsePlatePattern } from '../../src/shared/plate-pattern.js';
import type { Read } from '../../src/shared/protocol/index.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

const SEED = Number(process.env.READ_SEARCH_SEED ?? 20261130);
const READS = Number(process.env.READ_SEARCH_READS ?? 1_000_000);
const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const SPAN_MS = 30 * 24 * 3600_000;
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const random = seededRandom(SEED);
const plate = (): string => Array.from({ length: 7 }, () => CHARS[Math.floor(random() * CHARS.length)]).join('');
const dir = mkdtempSync(join(tmpdir(), 'opentas-read-search-bench-'));
const store = openSqliteStore(dir);
try {
  console.log(`read-search: seed ${SEED}, writing ${READS.toLocaleString('en-US')} reads...`);
  const t0 = performance.now();
  const known: string[] = [];
  for (let i = 0; i < READS; i += 1000) {
    const batch: Read[] = [];
    for (let j = i; j < Math.min(READS, i + 1000); j++) {
      const p = plate();
      if (j % 100_000 === 0) known.push(p);
      batch.push({
        id: `r${j}`, plate: p, plateState: 'IL', readAt: new Date(NOW - Math.floor(random() * SPAN_MS)).toISOString(),
        location: { lat: 40 + random() * 2, lon: -89 + random() * 2 },
        camera: { id: `cam-${j % 500}`, name: `Camera ${j % 500}`, type: 'stationary', network: j % 3 === 0 ? 'flock' : 'isp' },
      });
    }
    await store.reads.record(batch, new Date(NOW).toISOString());
  }
  console.log(`read-search: written in ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`);

  const db = new Database(join(dir, 'hub.sqlite'), { readonly: true });
  const median = async (f: () => Promise<unknown> | unknown, n = 7): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await f();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
  };
  const target = known[Math.min(3, known.length - 1)]!;
  const scan = await median(() => db.prepare('SELECT id FROM reads NOT INDEXED WHERE plate = ? ORDER BY read_at DESC LIMIT 100').all(target), 3);
  const day = { since: new Date(NOW - 24 * 3600_000).toISOString(), until: new Date(NOW).toISOString() };
  const search = (p: string, extra: { since?: string; until?: string } = {}) => () => store.readArchive.search({ pattern: parsePlatePattern(p), domain: 'general', limit: 100, ...extra });
  const cases: [string, string, () => Promise<unknown>][] = [
    ['exact', `exact plate ${target}, all 30 days`, search(target)],
    ['prefix', `known prefix ${target.slice(0, 2)}*, all 30 days (first 100)`, search(`${target.slice(0, 2)}*`)],
    ['leading_1day', `leading wildcard *${target.slice(-3)}, one day`, search(`*${target.slice(-3)}`, day)],
    ['leading_all', `leading wildcard *${target.slice(-3)}, all 30 days`, search(`*${target.slice(-3)}`)],
  ];
  const ratios: string[] = [];
  console.log(`read-search: full scan of the table for one plate ${scan.toFixed(1)} ms (the 1.0 of the ratios)`);
  for (const [key, what, f] of cases) {
    const ms = await median(f);
    const found = ((await f()) as unknown[]).length;
    console.log(`read-search: ${what}: ${ms.toFixed(2)} ms, ${found} found, ${(ms / scan).toFixed(4)} of the scan`);
    ratios.push(`${key}_vs_scan=${(ms / scan).toFixed(4)}`);
  }
  db.close();
  console.log(`read-search: reads=${READS} ${ratios.join(' ')} load=${loadavg()[0]!.toFixed(1)}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
