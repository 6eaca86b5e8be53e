/**
 * The WAL checkpoints of the store's file, on a thread of their own (./checkpoint-worker.mjs). SQLite
 * checkpoints inside the commit that crosses `wal_autocheckpoint`: on the hub's thread, copying the
 * WAL's pages into the database (and syncing both) held the event loop 250-400 ms in the reconnect
 * storm, while 2,000 desks waited for their handshakes and replays. The thread checkpoints PASSIVE
 * every CHECKPOINT_EVERY_MS, never blocking the hub's reads or writes; the hub's own connection keeps
 * a far threshold (SAFETY_PAGES) only as a bound should the thread fall behind or die. Without the
 * worker's file (a build that did not copy it) the hub checkpoints inline as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const WORKER = new URL('./checkpoint-worker.mjs', import.meta.url);
const CHECKPOINT_EVERY_MS = 1_000;
/** Inline checkpoints (the hub's thread): every ~40 MB of WAL. */
const INLINE_PAGES = 10_000;
/** With the thread: the hub's thread checkpoints only past ~400 MB of WAL. */
const SAFETY_PAGES = 100_000;

export interface Checkpointer {
  /** Ends the thread (and its connection) before the store closes. */
  stop(): Promise<void>;
}

export function startCheckpointer(db: Database.Database): Checkpointer {
  if (db.memory || !existsSync(fileURLToPath(WORKER))) {
    db.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
    return { stop: async () => {} };
  }
  db.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
  const worker = new Worker(WORKER, { workerData: { file: db.name, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  let stopped = false;
  let exited = false;
  // A thread that died (it never should) hands the checkpoints back to the hub's thread.
  const inline = () => {
    if (!stopped && db.open) db.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
  };
  worker.once('error', inline);
  worker.once('exit', () => {
    exited = true;
    inline();
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // A thread already gone would never answer, nor exit again: closing the store must not wait for it.
        if (stopped || exited) return resolve();
        stopped = true;
        const done = () => void worker.terminate().then(() => resolve());
        worker.once('message', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
