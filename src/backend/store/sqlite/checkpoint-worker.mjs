// The SQLite store's checkpointer thread (./checkpointer.ts): copies the WAL's pages into the database
// file with its own connection, so the hub's thread never does. Inline, a checkpoint of the WAL's
// 40 MB ran inside whichever commit crossed the threshold and held the event loop 250-400 ms (the
// storm's receipt batches). PASSIVE: it never waits for, or blocks, the hub's writes and reads, and
// with nothing new in the WAL it returns at once. Plain JavaScript, like chain-worker.mjs: a worker
// does not inherit tsx's loader; scripts/build-hub.ts copies this file beside the hub's bundle.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string, everyMs: number }} */
const { file, everyMs } = workerData;
const db = new Database(file, { fileMustExist: true });

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy (another checkpoint, a connection closing): the next tick tries again.
    if (!(err instanceof Error) || !/busy|locked/i.test(err.message)) throw err;
  }
}, everyMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
});
