/**
 * Posts the good rows of a hit file to the hub, one at a time, after every row has been checked:
 * bad rows are named first and never posted. A hub that cannot be reached is retried with backoff;
 * if it stays away the import stops and says where (hits are keyed by id, so running it again
 * posts nothing twice).
 */
import type { HubIngest } from '../hub-ingest.js';
import type { HitRow } from './hit-rows.js';

export interface ImportReport {
  rows: number;
  posted: number;
  duplicates: number;
  bad: number;
  failed: number;
}

export interface ImportIo {
  /** Each bad row, as soon as it is known. */
  bad: (where: string, problem: string) => void;
  progress: (done: number, total: number) => void;
  /** Waits between retries; the CLI sleeps, a test may pass a shorter one. */
  retryWaitsMs?: number[];
}

export async function importHits(rows: HitRow[], ingest: HubIngest, io: ImportIo): Promise<ImportReport & { stoppedAt?: string; reason?: string }> {
  const report: ImportReport = { rows: rows.length, posted: 0, duplicates: 0, bad: 0, failed: 0 };
  const good: { where: string; hit: Extract<HitRow, { hit: unknown }>['hit'] }[] = [];
  for (const row of rows) {
    if ('problem' in row) {
      report.bad += 1;
      io.bad(row.where, row.problem);
    } else good.push(row);
  }
  const waits = io.retryWaitsMs ?? [500, 1_000, 2_000, 4_000, 8_000];
  let done = report.bad;
  io.progress(done, rows.length);
  for (const [index, row] of good.entries()) {
    let result = await ingest.post(row.hit);
    for (let attempt = 0; result.kind === 'unreachable' && attempt < waits.length; attempt += 1) {
      await new Promise((r) => setTimeout(r, waits[attempt]));
      result = await ingest.post(row.hit);
    }
    if (result.kind === 'accepted') report.posted += 1;
    else if (result.kind === 'duplicate') report.duplicates += 1;
    else if (result.kind === 'refused') {
      report.bad += 1;
      io.bad(row.where, result.message);
    } else {
      report.failed = good.length - index;
      return { ...report, stoppedAt: row.where, reason: result.message };
    }
    done += 1;
    io.progress(done, rows.length);
  }
  return report;
}

export function summaryLine(r: ImportReport & { stoppedAt?: string; reason?: string }): string {
  const line = `import: ${r.rows} rows, ${r.posted + r.duplicates} posted (${r.posted} new, ${r.duplicates} already on the hub), ${r.bad} bad, ${r.failed} not sent`;
  return r.stoppedAt ? `${line}; stopped at ${r.stoppedAt}, the hub cannot be reached (${r.reason}); run it again: posted hits are not posted twice` : line;
}
