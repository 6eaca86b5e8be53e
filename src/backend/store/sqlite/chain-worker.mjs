// A worker thread of the SQLite chain check (./chain-check.ts). Plain JavaScript on purpose: a worker
// does not inherit tsx's loader, and loading tsx in each worker cost 1-2 s, more than the check. It
// takes the next unchecked stretch of the log (a counter shared by all the threads) until none is left,
// and applies only the chain check's fast rule (../../audit/chain-stretch.ts, `entryProblem`'s first
// line): seq follows seq, the bytes hold the writer's `"prevHash":"<stored hash before>","seq":<seq>,`,
// and sha256(stored hash before + bytes) is the stored hash. At the first row that rule does not accept
// it stops that stretch and says where; the main thread checks from there with the full rule, which
// names the problem (or accepts another form of the entry). scripts/build-hub.ts bundles this file
// (with ../../audit/chain-link.mjs) beside the hub's bundle.
import { hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { linkHolds } from '../../audit/chain-link.mjs';

const PAGE = 2000;
/** @type {{ file: string, stretches: { from: number, to: number }[], next: SharedArrayBuffer, genesis: string }} */
const { file, stretches, next, genesis } = workerData;
const taken = new Int32Array(next);
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  // Pages read through a memory map rather than copied by a read() each: less CPU per row.
  db.pragma('mmap_size = 4294967296');
  const page = db.prepare('SELECT seq, body, hash FROM ack_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
  const hashOf = db.prepare('SELECT hash FROM ack_log WHERE seq = ?').pluck();
  const checked = [];
  for (let i = Atomics.add(taken, 0, 1); i < stretches.length; i = Atomics.add(taken, 0, 1)) {
    const { from, to } = stretches[i];
    checked.push(checkStretch(from, to, from === 1 ? genesis : hashOf.get(from - 1)));
  }
  parentPort.postMessage(checked);

  /** `through`: the last seq accepted (from - 1 when none); `head`: its stored hash (undefined: the entry before `from` is not there). */
  function checkStretch(from, to, prevHash) {
    let prev = prevHash;
    let through = from - 1;
    let stopped = prev === undefined;
    while (!stopped && through < to) {
      const rows = page.all(through, to, PAGE);
      for (const [seq, body, stored] of rows) {
        if (seq !== through + 1 || typeof body !== 'string' || !linkHolds(body, prev, seq) || hash('sha256', prev + body, 'hex') !== stored) {
          stopped = true;
          break;
        }
        prev = stored;
        through = seq;
      }
      if (rows.length < PAGE) break;
    }
    return { from, to, through, head: prev };
  }
} finally {
  db.close();
}

