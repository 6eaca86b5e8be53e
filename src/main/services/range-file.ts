/**
 * The street map archive answered over HTTP semantics with byte ranges: PMTiles is read in small
 * ranges (header, directories, one tile), so a 2 GB state archive is never read whole. A file is
 * read here; an https archive is relayed (one Range request to exactly the configured URL, no
 * redirects followed). Both hosts use it (the browser host's HTTP server and Electron's app://
 * protocol); it decides status and headers and hands back a stream of exactly the bytes to send.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { BaseMapLocation } from '../../shared/protocol/index.js';

export interface RangeAnswer {
  /** 200, 206, 404 or 416 (a relayed archive's own 200, 206 or 416). */
  status: number;
  headers: Record<string, string>;
  /** The bytes to send; absent for HEAD and for errors. */
  body?: () => Readable;
}

type Span = { start: number; end: number } | 'unsatisfiable' | 'whole';

/** Parses a single `bytes=` range against a file of `size` bytes (RFC 9110 14.1.2). */
export function parseRange(header: string | undefined, size: number): Span {
  if (!header) return 'whole';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges or another unit: a server may ignore Range and send the whole file (PMTiles never asks so).
  if (!m) return 'whole';
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return 'unsatisfiable';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function answerRange(path: string, rangeHeader: string | undefined, head = false): Promise<RangeAnswer> {
  let size: number;
  let mtime: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
    mtime = info.mtimeMs;
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  }
  const common = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    // Size and time: a replaced archive gets a new ETag, which pmtiles checks between reads.
    ETag: `"${size.toString(16)}-${Math.floor(mtime).toString(16)}"`,
    'Cache-Control': 'no-cache',
  };
  const span = parseRange(rangeHeader, size);
  if (span === 'unsatisfiable') return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` } };
  if (span === 'whole') {
    return { status: 200, headers: { ...common, 'Content-Length': String(size) }, ...(head ? {} : { body: () => createReadStream(path) }) };
  }
  const { start, end } = span;
  return {
    status: 206,
    headers: { ...common, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` },
    ...(head ? {} : { body: () => createReadStream(path, { start, end }) }),
  };
}

const RELAYED = ['Content-Type', 'Content-Length', 'Content-Range', 'ETag', 'Accept-Ranges'];

/** One range of the agency's remote archive, fetched by the host on the page's behalf. */
export async function relayRange(url: string, rangeHeader: string | undefined, head = false, timeoutMs = 15_000): Promise<RangeAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: head ? 'HEAD' : 'GET',
      headers: rangeHeader ? { Range: rangeHeader } : {},
      // The configured URL and no other: a redirect elsewhere is refused, not followed.
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  }
  if (res.status !== 200 && res.status !== 206 && res.status !== 416) {
    await res.body?.cancel();
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  }
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
  for (const name of RELAYED) {
    const value = res.headers.get(name);
    if (value) headers[name] = value;
  }
  const stream = res.body;
  if (head || !stream) {
    await stream?.cancel();
    return { status: res.status, headers };
  }
  return { status: res.status, headers, body: () => Readable.fromWeb(stream as WebReadableStream<Uint8Array>) };
}

/** The archive behind the street map path, whichever kind it is. */
export function answerStreetMap(archive: BaseMapLocation | undefined, rangeHeader: string | undefined, head = false): Promise<RangeAnswer> {
  if (!archive) return Promise.resolve({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return archive.kind === 'file' ? answerRange(archive.path, rangeHeader, head) : relayRange(archive.url, rangeHeader, head);
}
