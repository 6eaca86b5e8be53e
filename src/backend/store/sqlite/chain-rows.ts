/**
 * Reading the acknowledgement log for the chain check in process, and for the main thread's finish of
 * a stretch a worker stopped short (./chain-check.ts; the worker, plain JavaScript, runs the same page
 * query itself): rows as arrays, a page of them per statement run (read as objects one page of 1,000
 * at a time, reading was most of a check: the profile's largest item).
 */
import type Database from 'better-sqlite3';
import type { ChainStretch } from '../../audit/chain-stretch.js';

export const CHECK_PAGE = 2000;

type Row = [seq: number, body: string, hash: string];

export interface StretchReader {
  /** Up to CHECK_PAGE rows with seq in (after, to], in seq order. */
  page(after: number, to: number): Row[];
}

export function stretchReader(db: Database.Database): StretchReader {
  const page = db.prepare('SELECT seq, body, hash FROM ack_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
  return {
    page: (after, to) => page.all(after, to, CHECK_PAGE) as Row[],
  };
}

/** Checks one page into `stretch`; the seq to read after next, or undefined when the stretch is done (failed or no rows left). */
export function checkPage(reader: StretchReader, stretch: ChainStretch, after: number, to: number): number | undefined {
  const rows = reader.page(after, to);
  for (const [seq, body, hash] of rows) if (!stretch.add(seq, body, hash)) return undefined;
  return rows.length === CHECK_PAGE ? rows[rows.length - 1]![0] : undefined;
}
