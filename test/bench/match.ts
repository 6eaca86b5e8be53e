/**
 * `npm run bench -- match` (issue 11): the hub's Matcher over 1,000,000 hot-list entries (NCIC,
 * LEADS, SOS and local entries, a fifth of them expiring), reads in batches of 1,000 with lookalike
 * matching on, on this one thread. Every read of a sample (random reads and reads made from listed
 * plates: exact, lookalike, other state, UNK, OCR candidates) is checked against the nested-loop
 * reference; the heap the entries and the index take is printed.
 * Then the reads are stored the way the intake stores them (`HubStore.reads.record`, batches of 1,000;
 * support/stored-reads.ts), on SQLite and on Postgres (a cluster started here; `not_run` without one).
 * Last line: `match: entries=… reads=… reads_per_s=… lookalike=on hits=… mismatches=0 stored_sqlite_per_s=… stored_pg_per_s=…`
 * Knob (env): MATCH_STORED_READS (100000 on SQLite, half on Postgres).
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Matcher, type ListEntry } from '../../src/backend/matcher/matcher.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { makeList, makeReads, type ListSpec } from './support/hotlist-data.js';
import { matchLines, referenceMatch } from './support/reference-matcher.js';
import { makeStoredReads, postgresStoredPerSecond, sqliteStoredPerSecond } from './support/stored-reads.js';

const SEED = Number(process.env.MATCH_SEED ?? 20261130);
const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const SPECS: ListSpec[] = [
  { info: { id: 'ncic', source: 'NCIC', domain: 'general' }, size: 600_000 },
  { info: { id: 'leads', source: 'LEADS', domain: 'general' }, size: 250_000 },
  { info: { id: 'sos', source: 'SOS', domain: 'general' }, size: 120_000 },
  { info: { id: 'dot', source: 'DOT', domain: 'motor_carrier' }, size: 10_000 },
  { info: { id: 'local', source: 'LOCAL', domain: 'general' }, size: 20_000, expiring: 1 },
];
const READS = 200_000;
const STORED = Number(process.env.MATCH_STORED_READS ?? 100_000);
const BATCH = 1_000;
/** Measure for this long, passing over the reads again and again. */
const MEASURE_MS = 10_000;
const SAMPLE = 300;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const FULL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const rand = seededRandom(SEED);
const platePlain = (): string => {
  const n = 5 + Math.floor(rand() * 3);
  let p = '';
  for (let i = 0; i < n; i += 1) p += FULL[Math.floor(rand() * FULL.length)];
  return p;
};

console.log(`match (machine): loadavg_1m=${loadavg()[0]!.toFixed(1)} seed=${SEED}`);
const h0 = heapMb();
const lists = SPECS.map((spec) => ({ info: spec.info, entries: makeList(rand, spec, NOW, platePlain) }));
const entries = lists.reduce((n, l) => n + l.entries.length, 0);
const h1 = heapMb();
const matcher = new Matcher();
const t0 = performance.now();
for (const l of lists) matcher.replace(l.info, l.entries);
const buildMs = performance.now() - t0;
const h2 = heapMb();
console.log(`match (memory): entries=${entries} entries_heap_mb=${(h1 - h0).toFixed(0)} index_heap_mb=${(h2 - h1).toFixed(0)} total_heap_mb=${(h2 - h0).toFixed(0)} index_build_ms=${buildMs.toFixed(0)}`);

const listed: ListEntry[][] = lists.map((l) => l.entries);
const reads = makeReads(rand, listed, READS, 0.02, true);
const options = { lookalike: true, nowMs: NOW };

// Warm up (JIT), then measure whole passes of batches until MEASURE_MS has gone by.
for (let i = 0; i < 20; i += 1) matcher.match(reads.slice(i * BATCH, (i + 1) * BATCH), options);
const batches = Array.from({ length: READS / BATCH }, (_, i) => reads.slice(i * BATCH, (i + 1) * BATCH));
let done = 0;
let hits = 0;
const cpu = process.cpuUsage();
const start = performance.now();
while (performance.now() - start < MEASURE_MS) {
  for (const batch of batches) {
    hits += matcher.match(batch, options).length;
    done += batch.length;
  }
}
const wallMs = performance.now() - start;
const cpuUsed = process.cpuUsage(cpu);
const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
const perSecond = Math.round(done / (wallMs / 1000));
console.log(`match (speed): reads=${done} wall_ms=${wallMs.toFixed(0)} cpu_ms=${cpuMs.toFixed(0)} reads_per_cpu_s=${Math.round(done / (cpuMs / 1000))} batch=${BATCH}`);

// The sample: the first benchmark reads plus reads made mostly from listed plates.
const sample = [...reads.slice(0, SAMPLE / 3), ...makeReads(rand, listed, (SAMPLE * 2) / 3, 0.9, true)];
const got = matchLines(matcher.match(sample, options));
const want = matchLines(referenceMatch(lists, sample, options));
const wantSet = new Set(want);
const gotSet = new Set(got);
const mismatches = want.filter((l) => !gotSet.has(l)).length + got.filter((l) => !wantSet.has(l)).length;
const kinds = ['exact', 'lookalike', 'candidate'].map((k) => `${k}=${want.filter((l) => l.includes(`|${k}|`)).length}`).join(' ');
console.log(`match (check): sample_reads=${sample.length} reference_matches=${want.length} ${kinds}`);

const toStore = makeStoredReads(rand, reads, STORED);
const storedSqlite = await sqliteStoredPerSecond(toStore);
const storedPg = await postgresStoredPerSecond(toStore.slice(0, Math.floor(STORED / 2)), (line) => console.log(line));
console.log(`match (stored): sqlite_reads=${STORED} pg_reads=${Math.floor(STORED / 2)} batch=${BATCH} loadavg_1m=${loadavg()[0]!.toFixed(1)}`);
console.log(`match: entries=${entries} reads=${done} reads_per_s=${perSecond} lookalike=on hits=${hits} mismatches=${mismatches} stored_sqlite_per_s=${storedSqlite} stored_pg_per_s=${storedPg}`);
if (mismatches > 0) process.exitCode = 1;
