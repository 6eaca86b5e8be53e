/**
 * The client's log file: JSON lines in `<dir>/opentas.log`, rotated at `maxBytes` into
 * opentas.log.1 .. .N (the oldest dropped), so a support bundle can read the recent errors of this
 * run and the ones before it. Written synchronously: a log line is rare and must keep its order.
 * A write that fails (disk full) is dropped, never thrown into the code that logged.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE = 'opentas.log';

export function rotatingFileLog(dir: string, { maxBytes = 1_000_000, files = 3 }: { maxBytes?: number; files?: number } = {}): (line: string) => void {
  const path = join(dir, LOG_FILE);
  let size = -1;
  return (line) => {
    try {
      if (size < 0) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        size = fileSize(path);
      }
      if (size > 0 && size + line.length > maxBytes) {
        rmSync(`${path}.${files}`, { force: true });
        for (let i = files - 1; i >= 1; i--) renameQuietly(`${path}.${i}`, `${path}.${i + 1}`);
        renameQuietly(path, `${path}.1`);
        size = 0;
      }
      appendFileSync(path, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      size = -1; // look again next time
    }
  };
}

/** The log files, oldest first (for reading back). */
export function logFiles(dir: string, files = 3): string[] {
  const out: string[] = [];
  for (let i = files; i >= 1; i--) out.push(join(dir, `${LOG_FILE}.${i}`));
  out.push(join(dir, LOG_FILE));
  return out;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // not there yet
  }
}
