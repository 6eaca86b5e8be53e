/**
 * An append-only log of records, each one line, each sealed with AES-256-GCM (key from the
 * credential vault, the log's label as additional data so one log's records cannot be replayed
 * into another). Crash-safe: every append is fsynced before it returns, a torn last line (a crash
 * mid-write) is cut off at open, and a record that does not decrypt or parse is moved aside with
 * the original file while the readable ones are kept. Compaction rewrites through temp + rename.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { asideName, syncDirectory } from './durable-file.js';
import type { Clock, Logger } from './ports.js';

const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface OpenReport {
  records: number;
  corrupt: number;
  tornTail: boolean;
  /** Where the unreadable original was moved, when it had corrupt records. */
  movedAside?: string;
}

export class SealedLog<T> {
  private handle: FileHandle | null = null;
  private batch: { line: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private batchQueued = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly key: Buffer,
    private readonly label: string,
    private readonly parse: (raw: unknown) => T | null,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    if (key.length !== 32) throw new Error('SealedLog needs a 256-bit key');
  }

  /** Reads every readable record in order (streaming, so memory stays bounded by `visit`). */
  async open(visit: (record: T) => void): Promise<OpenReport> {
    await mkdir(dirname(this.path), { recursive: true });
    const report: OpenReport = { records: 0, corrupt: 0, tornTail: false };
    let unterminatedTail = false;
    const size = await fileSize(this.path);
    if (size > 0) {
      report.tornTail = !(await endsWithNewline(this.path, size));
      const badLines = new Set<number>();
      let lineNo = 0;
      let lastLine = -1;
      for await (const line of lines(this.path)) {
        lastLine = lineNo;
        const record = line.length > 0 ? this.unseal(line) : null;
        if (record === null) badLines.add(lineNo);
        else {
          report.records++;
          visit(record);
        }
        lineNo++;
      }
      // The torn tail is the normal result of a crash mid-append: cut it off, do not quarantine.
      let unterminated = false;
      if (report.tornTail && badLines.has(lastLine)) badLines.delete(lastLine);
      else if (report.tornTail) {
        // The whole record made it but its newline did not: keep it, and end the line.
        report.tornTail = false;
        unterminated = true;
      }
      report.corrupt = badLines.size;
      unterminatedTail = unterminated && badLines.size === 0;
      if (badLines.size > 0) {
        report.movedAside = await this.quarantine(badLines);
        this.logger.error(`${this.label}: kept ${report.records} readable records, moved the file with ${badLines.size} unreadable ones aside`, {
          file: report.movedAside,
        });
      } else if (report.tornTail) {
        await truncate(this.path, await lastNewlineEnd(this.path, size));
        this.logger.warn(`${this.label}: cut off a torn last record (crash during a write)`);
      }
    }
    this.handle = await open(this.path, 'a', 0o600);
    if (unterminatedTail) await this.handle.write('\n');
    return report;
  }

  /**
   * Appends one record and returns once it is on disk. Appends made while a write is in flight
   * are written together with one fsync (group commit), so a burst costs one disk flush, not one
   * per record, and they still land in the order they were made.
   */
  append(record: T): Promise<void> {
    const line = this.seal(record) + '\n';
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ line, resolve, reject });
      if (this.batchQueued) return;
      this.batchQueued = true;
      void this.serial(() => this.writeBatch());
    });
  }

  private async writeBatch(): Promise<void> {
    this.batchQueued = false;
    const batch = this.batch.splice(0);
    try {
      if (!this.handle) throw new Error(`${this.label}: log is not open`);
      await this.handle.write(batch.map((b) => b.line).join(''));
      await this.handle.datasync();
      for (const b of batch) b.resolve();
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }

  /**
   * Reads every readable record in order without changing the file (the history beyond what is
   * kept in memory). Queued behind appends and compactions, so it never sees a half-renamed file.
   */
  read(visit: (record: T) => void): Promise<void> {
    return this.serial(async () => {
      if ((await fileSize(this.path)) === 0) return;
      for await (const line of lines(this.path)) {
        const record = line.length > 0 ? this.unseal(line) : null;
        if (record !== null) visit(record);
      }
    });
  }

  /**
   * Rewrites the log through `change` (null drops a record), streaming into a temporary file
   * that then replaces the log atomically, so a compaction never holds the whole log in memory.
   */
  transform(change: (record: T) => T | null): Promise<{ kept: number; changed: number }> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
      const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
      const out = await open(temp, 'w', 0o600);
      let kept = 0;
      let changed = 0;
      try {
        for await (const line of lines(this.path)) {
          const record = line.length > 0 ? this.unseal(line) : null;
          if (record === null) continue;
          const next = change(record);
          if (next !== record) changed++;
          if (next === null) continue;
          await out.write(next === record ? line + '\n' : this.seal(next) + '\n');
          kept++;
        }
        await out.sync();
      } finally {
        await out.close();
      }
      await rename(temp, this.path);
      await syncDirectory(dirname(this.path));
      this.handle = await open(this.path, 'a', 0o600);
      return { kept, changed };
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private serial<R>(task: () => Promise<R>): Promise<R> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private seal(record: T): string {
    return sealLine(this.key, this.label, JSON.stringify(record));
  }

  private unseal(line: string): T | null {
    const text = unsealLine(this.key, this.label, line);
    if (text === null) return null;
    try {
      return this.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  /** Moves the original aside and writes back only its good lines, still sealed as they were. */
  private async quarantine(badLines: Set<number>): Promise<string> {
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const out = await open(temp, 'w', 0o600);
    try {
      let lineNo = 0;
      for await (const line of lines(this.path)) {
        if (!badLines.has(lineNo) && line.length > 0) await out.write(line + '\n');
        lineNo++;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    const aside = asideName(this.path, 'corrupt', this.clock.now());
    // Copy (not move) first: a crash between the two steps must still leave a log in place.
    await copyFile(this.path, aside);
    await rename(temp, this.path);
    await syncDirectory(dirname(this.path));
    return aside;
  }
}

/** One record's line: `v1.` + base64(iv, tag, AES-256-GCM of the text with the label as additional data). */
export function sealLine(key: Buffer, label: string, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The text sealed in a line, or null when it was not sealed with this key and label (or is damaged). */
export function unsealLine(key: Buffer, label: string, line: string): string | null {
  if (!line.startsWith(PREFIX)) return null;
  try {
    const raw = Buffer.from(line.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(label));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Each line of a file, streamed (the logs can be larger than memory should hold). */
export function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

async function endsWithNewline(path: string, size: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1);
    await handle.read(buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/** The length of the file up to and including its last newline (0 when it has none). */
async function lastNewlineEnd(path: string, size: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (at >= 0) return start + at + 1;
      end = start;
    }
    return 0;
  } finally {
    await handle.close();
  }
}
