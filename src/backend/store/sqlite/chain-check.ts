/**
 * The SQLite store's chain check (`AckLogStore.checkChain`). A log kept in a file and long enough to
 * pay for starting threads is checked on worker threads (./chain-worker.mjs), each with its own
 * read-only connection: the check is CPU-bound (reading a row and a sha256 per entry) and each entry
 * depends only on the stored hash before it, so the log cuts cleanly into stretches. The stretches are
 * many and short (sixteen or so per thread), and a thread takes the next one unchecked when it is done
 * with its own: a thread that starts late or shares its core with other work checks fewer, and all of
 * them finish together. A worker applies the fast rule only and stops a stretch at the first entry it
 * does not accept; from there this thread checks with the full rule (ChainStretch), so the answer,
 * reason included, is the one the check in process gives. A short log, a log in memory, or a build
 * without the worker script is checked in process a page at a time, yielding between pages.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type ChainReport, ChainStretch, cutStretches, joinStretches } from '../../audit/chain-stretch.js';
import { GENESIS_HASH } from '../../../shared/chain.js';
import type { ChainCheckOptions } from '../port.js';
import { type StretchReader, checkPage, stretchReader } from './chain-rows.js';

/** Below this many entries starting threads (tens of ms each) costs more than it saves. */
export const THREADS_FROM = 20_000;

/** Stretches shorter than this are not worth a look-up of the hash before them and a message. */
export const STRETCH_MIN = 5_000;

/** Per stretch a worker checked: it accepted from..through (through = from - 1: none); head is through's stored hash. */
interface FastStretch {
  from: number;
  to: number;
  through: number;
  head: string | undefined;
}

const WORKER = new URL('./chain-worker.mjs', import.meta.url);

export async function checkSqliteChain(db: Database.Database, options: ChainCheckOptions = {}): Promise<ChainReport> {
  const threads = options.threads ?? Math.min(availableParallelism(), 8);
  const last = (db.prepare('SELECT MAX(seq) FROM ack_log').pluck().get() as number | null) ?? 0;
  if (threads > 1 && last >= THREADS_FROM && !db.memory && existsSync(fileURLToPath(WORKER))) {
    try {
      return await checkChainOnThreads(db, last, threads);
    } catch {
      // A thread that could not start or read (no memory for it, say) leaves the answer to the check
      // in process: slower, never different.
    }
  }
  return checkChainInProcess(db);
}

/** Every entry from the first on, read until none is left (so entries appended meanwhile are checked too). */
export async function checkChainInProcess(db: Database.Database): Promise<ChainReport> {
  const reader = stretchReader(db);
  const stretch = new ChainStretch({ from: 1, prevHash: GENESIS_HASH });
  for (let after: number | undefined = 0; after !== undefined; ) {
    after = checkPage(reader, stretch, after, Number.MAX_SAFE_INTEGER);
    // Let the hub answer others between pages: reading and hashing are synchronous.
    if (after !== undefined) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return joinStretches([stretch.report()]);
}

/**
 * Entries 1..last on `threads` worker threads, cut into stretches of `stretch` entries that the
 * threads take in turn (a shared counter) until none is left.
 */
export async function checkChainOnThreads(db: Database.Database, last: number, threads: number, stretch = stretchLength(last, threads)): Promise<ChainReport> {
  const reader = stretchReader(db);
  const stretches = cutStretches(last, Math.ceil(last / stretch));
  const next = new SharedArrayBuffer(4);
  const workers = Math.max(1, Math.min(threads, stretches.length));
  const fast = (await Promise.all(Array.from({ length: workers }, () => runWorker({ file: db.name, stretches, next, genesis: GENESIS_HASH })))).flat();
  if (fast.length !== stretches.length) throw new Error(`the chain check threads answered for ${fast.length} of ${stretches.length} stretches`);
  let entries = 0;
  let head = GENESIS_HASH;
  for (const f of fast.sort((a, b) => a.from - b.from)) {
    entries += f.through - f.from + 1;
    head = f.head ?? head;
    if (f.through === f.to) continue;
    // The worker stopped short: the full rule from there to the stretch's end decides.
    const rest = finishStretch(reader, { from: f.through + 1, prevHash: f.head }, f.to);
    if (!rest.ok) return { ...rest, entries: entries + rest.entries };
    entries += rest.entries;
    head = rest.head;
  }
  return { ok: true, entries, head };
}

/** About sixteen stretches per thread, none shorter than STRETCH_MIN. */
export function stretchLength(last: number, threads: number): number {
  return Math.max(STRETCH_MIN, Math.ceil(last / (threads * 16)));
}

function finishStretch(reader: StretchReader, start: { from: number; prevHash: string | undefined }, to: number): ChainReport {
  const stretch = new ChainStretch(start);
  for (let after: number | undefined = start.from - 1; after !== undefined; ) after = checkPage(reader, stretch, after, to);
  const { from: _from, ...report } = stretch.report(to);
  return report;
}

function runWorker(data: { file: string; stretches: { from: number; to: number }[]; next: SharedArrayBuffer; genesis: string }): Promise<FastStretch[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    // After the message this does nothing (the promise is settled); before it, the thread died.
    worker.once('exit', (code) => reject(new Error(`a chain check thread exited with ${code}`)));
  });
}
