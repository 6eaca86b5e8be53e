/**
 * Reads hot lists for the hub's thread, which must go on delivering alerts meanwhile (docs/adr/0021):
 * a big `PUT /hotlists/:id` body, or a big stored list, is parsed on a worker thread
 * (./hotlist-worker.ts) and comes back as the gzip'd entries the store keeps and the entries packed
 * as columns (./entry-columns.ts), unpacked here a slice at a time. Small ones (milliseconds of work)
 * are read in process, as are all of them with OPENTAS_HOTLIST_THREAD=off (the old path, kept as the
 * benchmark's baseline). Both ways run the same code (./hotlist-upload.ts) and give the same answers.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { HotlistEntry } from '../../shared/protocol/index.js';
import type { HubErrorExtra } from '../../shared/hub-error.js';
import { HubError } from '../errors.js';
import { type EntryColumns, unpackEntries } from './entry-columns.js';
import { type HotlistHead, headOf, readUpload } from './hotlist-upload.js';
import type { ListEntry } from './list-index.js';

const gunzipAsync = promisify(gunzip);

/** A job for the worker thread (its workerData). */
export type ReaderJob = { kind: 'upload'; bytes: Uint8Array } | { kind: 'stored'; stored: Uint8Array };

/** The worker thread's one message. */
export type ReaderAnswer =
  | { kind: 'upload'; head: HotlistHead; columns: EntryColumns; stored: Uint8Array }
  | { kind: 'stored'; columns: EntryColumns }
  | { kind: 'refused'; status: number; code: string; message: string; extra: HubErrorExtra }
  | { kind: 'failed'; message: string };

/** A list taken from a request body: checked, stored form ready, entries to come. */
export interface ReceivedList {
  head: HotlistHead;
  count: number;
  /** The entries as the store keeps them (gzip'd JSON). */
  stored: Buffer;
  /** The entries for indexing, made `every` at a time (awaiting `pause` in between). */
  entries(pause: () => Promise<void>, every?: number): Promise<readonly ListEntry[]>;
}

/** Bodies from this size on go to a thread: about 10,000 entries, tens of milliseconds of parsing. */
export const THREAD_FROM_BYTES = 1024 * 1024;
/** Stored lists (gzip'd, about 18 times smaller) from this size on. */
const STORED_THREAD_FROM_BYTES = 64 * 1024;

export const yieldToLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

function threaded(size: number, from: number): boolean {
  return size >= from && process.env.OPENTAS_HOTLIST_THREAD !== 'off' && workerAvailable();
}

/** The worker's entry file for how this module runs: the TypeScript sources start it through tsx, a bundle has it beside. */
function workerEntry(): URL {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './hotlist-worker-source.mjs' : './hotlist-worker.mjs', import.meta.url);
}

let available: boolean | undefined;
/**
 * Whether the worker's file is there. A hub bundled some other way than scripts/build-hub.ts (a package
 * that left it out) reads every list on its own thread, slower to answer but never failing to load
 * its lists: a hub without its lists would match no read at all. Said once on stderr.
 */
function workerAvailable(): boolean {
  if (available === undefined) {
    const entry = workerEntry();
    available = entry.protocol !== 'file:' || existsSync(fileURLToPath(entry));
    if (!available) console.error(`[hub] hot lists: ${fileURLToPath(entry)} is missing; big lists are read on the hub's own thread (alerts wait meanwhile)`);
  }
  return available;
}

/** A typed array over a buffer of its own, which can be handed to a thread without a copy. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

function startWorker(job: ReaderJob, transfer: ArrayBuffer[]): Worker {
  // The hub's bundle has the worker bundled beside it (scripts/build-hub.ts); the sources start it through tsx.
  return new Worker(workerEntry(), { workerData: job, transferList: transfer });
}

function runJob(job: ReaderJob, transfer: ArrayBuffer[]): Promise<ReaderAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const worker = startWorker(job, transfer);
    // The request (or the listening server) keeps the process alive; a hub told to stop need not wait for a parse.
    worker.unref();
    worker.once('message', (answer: ReaderAnswer) => {
      answered = true;
      resolve(answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the hot-list thread stopped (exit code ${code}) before answering`));
    });
  });
}

function refusal(answer: ReaderAnswer): Error {
  if (answer.kind === 'refused') return new HubError(answer.status, answer.code, answer.message, answer.extra);
  return new Error(answer.kind === 'failed' ? `the hot-list thread failed: ${answer.message}` : `the hot-list thread answered ${answer.kind}`);
}

/** A `PUT /hotlists/:id` body (inflated) read and checked; refusals are the route's HubErrors. */
export async function receiveList(body: Buffer): Promise<ReceivedList> {
  if (!threaded(body.byteLength, THREAD_FROM_BYTES)) {
    const { upload, stored } = await readUpload(body, yieldToLoop);
    return { head: headOf(upload), count: upload.entries.length, stored, entries: () => Promise.resolve(upload.entries) };
  }
  const bytes = owned(body);
  const answer = await runJob({ kind: 'upload', bytes }, [bytes.buffer as ArrayBuffer]);
  if (answer.kind !== 'upload') throw refusal(answer);
  const { columns } = answer;
  return {
    head: answer.head,
    count: columns.count,
    stored: Buffer.from(answer.stored.buffer, answer.stored.byteOffset, answer.stored.byteLength),
    entries: (pause, every) => unpackEntries(columns, pause, every),
  };
}

/** A stored list's entries (gzip'd JSON, as `ReceivedList.stored`), made a slice at a time. */
export async function storedEntries(stored: Buffer, pause: () => Promise<void>, every?: number): Promise<readonly ListEntry[]> {
  if (!threaded(stored.byteLength, STORED_THREAD_FROM_BYTES)) {
    return JSON.parse((await gunzipAsync(stored)).toString('utf8')) as HotlistEntry[];
  }
  // A copy (milliseconds), handed over: the store's buffer stays whole for whoever else holds it.
  const bytes = new Uint8Array(stored);
  const answer = await runJob({ kind: 'stored', stored: bytes }, [bytes.buffer as ArrayBuffer]);
  if (answer.kind !== 'stored') throw refusal(answer);
  return unpackEntries(answer.columns, pause, every);
}
