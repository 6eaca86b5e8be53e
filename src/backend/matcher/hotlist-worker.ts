/**
 * The hot-list worker thread: the heavy, all-at-once parts of taking or loading a big list, off the
 * hub's event loop (docs/adr/0021). One thread per job, gone when it answers, so the memory of the
 * parsed JSON goes with it. Jobs (workerData, see ./hotlist-reader.ts):
 * - `upload`: a `PUT /hotlists/:id` body (inflated already) parsed, validated and gzip'd for the store;
 * - `stored`: a stored list's gzip'd entries unpacked and parsed.
 * Either answers the entries packed as columns (./entry-columns.ts), or the refusal to give.
 * scripts/build-hub.ts bundles this file beside the hub's bundle as hotlist-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import type { HotlistEntry } from '../../shared/protocol/index.js';
import { HubError } from '../errors.js';
import { columnBuffers, packEntries } from './entry-columns.js';
import type { ReaderAnswer, ReaderJob } from './hotlist-reader.js';
import { headOf, readUpload } from './hotlist-upload.js';

const owned = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));

async function run(job: ReaderJob): Promise<{ answer: ReaderAnswer; transfer: ArrayBuffer[] }> {
  try {
    if (job.kind === 'upload') {
      const { upload, stored } = await readUpload(job.bytes, () => Promise.resolve());
      const columns = packEntries(upload.entries);
      const gz = owned(stored);
      return { answer: { kind: 'upload', head: headOf(upload), columns, stored: gz }, transfer: [...columnBuffers(columns), gz.buffer as ArrayBuffer] };
    }
    const entries = JSON.parse(gunzipSync(job.stored).toString('utf8')) as HotlistEntry[];
    const columns = packEntries(entries);
    return { answer: { kind: 'stored', columns }, transfer: columnBuffers(columns) };
  } catch (err) {
    if (err instanceof HubError) return { answer: { kind: 'refused', status: err.status, code: err.code, message: err.message, extra: err.extra }, transfer: [] };
    return { answer: { kind: 'failed', message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

const { answer, transfer } = await run(workerData as ReaderJob);
parentPort!.postMessage(answer, transfer);
