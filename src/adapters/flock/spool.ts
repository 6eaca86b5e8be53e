/**
 * The adapter's durable spool: a folder with one file per accepted hit, written to a temporary
 * name, flushed to disk and renamed, so a crash leaves either the whole hit or nothing. Flock is
 * told 202 only once the file is on disk; the file is removed only once the hub has the hit. A
 * file per hit (named by its id) keeps a redelivered webhook to one entry and needs no compaction.
 * Files the hub refuses for good are moved to `refused/` for a person to look at, never dropped; hits
 * the adapter must not send (restricted lists only, flock-sources.ts) are kept in `held/`, with why.
 * Why a spool at all: docs/adr/0022-flock-adapter-spools-before-answering.md.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Hit } from '../../shared/protocol/index.js';

export interface SpooledHit {
  file: string;
  hit: Hit;
}

export class Spool {
  private readonly refusedDir: string;
  readonly heldDir: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.refusedDir = join(dir, 'refused');
    mkdirSync(this.refusedDir, { recursive: true, mode: 0o700 });
    this.heldDir = join(dir, 'held');
    mkdirSync(this.heldDir, { recursive: true, mode: 0o700 });
  }

  /** Stores the hit durably; returns once it would survive a power cut. */
  put(hit: Hit): void {
    writeDurably(this.dir, fileName(hit.id), JSON.stringify(hit));
  }

  /** Keeps a hit that is not to be sent, durably and with why, for a person to handle; the forwarder never sees it. */
  hold(hit: Hit, reason: string): void {
    const name = fileName(hit.id);
    writeDurably(this.heldDir, `${name}.reason.txt`, `${reason}\n`);
    writeDurably(this.heldDir, name, JSON.stringify(hit));
  }

  /** Every spooled hit, oldest first. A file that does not parse is moved aside with the reason. */
  pending(): SpooledHit[] {
    const files = readdirSync(this.dir).filter((f) => f.startsWith('hit-') && f.endsWith('.json'));
    const withTime = files.map((file) => ({ file, at: safeMtime(join(this.dir, file)) }));
    withTime.sort((a, b) => a.at - b.at || a.file.localeCompare(b.file));
    const out: SpooledHit[] = [];
    for (const { file } of withTime) {
      const hit = readHit(join(this.dir, file));
      if (hit) out.push({ file, hit });
      else this.refuse(file, 'not a valid hit (corrupt spool file)');
    }
    return out;
  }

  count(): number {
    return readdirSync(this.dir).filter((f) => f.startsWith('hit-') && f.endsWith('.json')).length;
  }

  done(file: string): void {
    rmSync(join(this.dir, file), { force: true });
  }

  /** Moves a hit the hub will never take out of the way, with why, for a person to handle. */
  refuse(file: string, reason: string): void {
    renameSync(join(this.dir, file), join(this.refusedDir, file));
    writeFileSync(join(this.refusedDir, `${file}.reason.txt`), `${reason}\n`, { mode: 0o600 });
  }
}

/** Written to a temporary name, flushed and renamed: a crash leaves the whole file or nothing. */
function writeDurably(dir: string, name: string, text: string): void {
  const tmp = join(dir, `.${name}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  syncDir(dir);
}

/** Hit ids are 1-128 characters of anything: encoded so no id can step out of the folder. */
function fileName(id: string): string {
  return `hit-${encodeURIComponent(id).replace(/\./g, '%2E')}.json`;
}

function readHit(path: string): Hit | undefined {
  try {
    const parsed = Hit.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The rename is durable only once the folder itself is flushed. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
