/**
 * A `PUT /hotlists/:id` body read and checked: the bytes parsed as JSON, then `HotlistUpload`
 * validated a slice of entries at a time, then the entries gzip'd as the store keeps them. The same
 * code runs on the request's thread (small lists, or OPENTAS_HOTLIST_THREAD=off) and in the hot-list
 * worker thread (./hotlist-worker.ts), so both give the same answers: 400 `invalid_hotlist` with
 * `issues` at `entries.N.field` (capped at 100), or "not valid JSON" for bytes that are not JSON.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { z } from 'zod';
import { HotlistEntry, HotlistUpload, MAX_HOTLIST_ENTRIES, toIssues } from '../../shared/protocol/index.js';
import { HubError } from '../errors.js';

const gzipAsync = promisify(gzip);

const UploadHead = HotlistUpload.extend({ entries: z.array(z.unknown()).max(MAX_HOTLIST_ENTRIES) });
const EntrySlice = z.array(HotlistEntry);
/** Entries validated per slice; on the request's thread the hub answers other requests between slices. */
const SLICE = 20_000;
const MAX_ISSUES = 100;

/** What a list holds besides its entries. */
export type HotlistHead = Omit<HotlistUpload, 'entries'>;

/** The answer for a body that is not JSON (or not gzip): the route's own, also for fastify's refusals. */
export function notJsonError(): HubError {
  return new HubError(400, 'invalid_hotlist', 'the body is not valid JSON (or not valid gzip)', { issues: [{ path: '', message: 'not valid JSON' }] });
}

// Fastify's JSON parser (secure-json-parse, onProtoPoisoning and onConstructorPoisoning 'error', which
// the hub sets) refuses these keys; so does this one, so a list is refused alike on either thread.
function poisoned(key: string, value: unknown): boolean {
  return key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'));
}

/** The bytes as JSON, or `notJsonError()`. Keys are screened only when the text could hold one of them. */
export function parseJson(bytes: Uint8Array): unknown {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const suspect = text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
  try {
    return suspect
      ? JSON.parse(text, function (this: unknown, key: string, value: unknown) {
          if (poisoned(key, value)) throw new SyntaxError('forbidden key');
          return value;
        })
      : JSON.parse(text);
  } catch {
    throw notJsonError();
  }
}

/**
 * `HotlistUpload` validated a slice of entries at a time, awaiting `pause` between slices: 1,000,000
 * entries take seconds to check. The same answer as parsing it whole, the issues capped at 100.
 */
export async function checkUpload(body: unknown, pause: () => Promise<void>): Promise<HotlistUpload> {
  const parsed = UploadHead.safeParse(body);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new HubError(400, 'invalid_hotlist', `the hot list is not valid: ${issues.length} problem(s)`, { issues });
  }
  const head = parsed.data;
  const issues: { path: string; message: string }[] = [];
  for (let start = 0; start < head.entries.length && issues.length < MAX_ISSUES; start += SLICE) {
    const checked = EntrySlice.safeParse(head.entries.slice(start, start + SLICE));
    if (!checked.success) {
      for (const i of toIssues(checked.error)) {
        const [index, ...rest] = i.path.split('.');
        issues.push({ path: ['entries', String(start + Number(index)), ...rest].join('.'), message: i.message });
      }
    }
    await pause();
  }
  if (issues.length > 0) {
    throw new HubError(400, 'invalid_hotlist', `the hot list is not valid: ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${Math.min(issues.length, MAX_ISSUES)} problem(s)`, { issues: issues.slice(0, MAX_ISSUES) });
  }
  return head as HotlistUpload;
}

/** The entries as the store keeps them: gzip'd JSON (the validated entries, so unknown fields never reach it). */
export function storedEntries(entries: readonly HotlistEntry[]): Promise<Buffer> {
  return gzipAsync(JSON.stringify(entries), { level: 1 });
}

/** A body's bytes to a checked upload and its stored form. */
export async function readUpload(bytes: Uint8Array, pause: () => Promise<void>): Promise<{ upload: HotlistUpload; stored: Buffer }> {
  const upload = await checkUpload(parseJson(bytes), pause);
  return { upload, stored: await storedEntries(upload.entries) };
}

export function headOf(upload: HotlistUpload): HotlistHead {
  return { name: upload.name, source: upload.source, domain: upload.domain, downloadedAt: upload.downloadedAt };
}
