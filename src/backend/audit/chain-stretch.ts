/**
 * The acknowledgement log's chain checked one stretch of entries at a time (docs/protocol.md
 * `GET /audit/verify`). An entry depends only on the stored hash of the entry before it, so a stretch
 * starts from that stored hash and checks exactly as it would inside a check of the whole log: the log
 * can be cut into stretches, each checked on its own worker thread, and the first bad entry of the
 * earliest failing stretch is the first bad entry of the log. Every chain check (in process, on worker
 * threads, on Postgres) applies the one rule below, so they answer alike, reasons included.
 */
import { GENESIS_HASH } from '../../shared/chain.js';
import { bytesHash, entryHash } from './chain-hash.js';
import { linkHolds } from './chain-link.mjs';

/** The chain check's answer (`GET /audit/verify`, `opentas-hub audit verify`). */
export interface ChainReport {
  ok: boolean;
  /** Entries verified: all of them, or those before the first bad one. */
  entries: number;
  /** The hash of the last entry verified (64 zeros when none). */
  head: string;
  firstBadSeq?: number;
  reason?: string;
}

/** One stretch's answer: `entries` and `head` count from the stretch's first entry. */
export interface StretchReport extends ChainReport {
  from: number;
}

/**
 * The first entry of a stretch and the stored hash before it. `prevHash` undefined: the entry before
 * the stretch is not in the log (the stretch before it reports it missing).
 */
export interface StretchStart {
  from: number;
  prevHash: string | undefined;
}

export class ChainStretch {
  private prev: string;
  private expected: number;
  private entries = 0;
  private failure: { seq: number; reason: string } | undefined;

  constructor(private readonly start: StretchStart) {
    this.prev = start.prevHash ?? GENESIS_HASH;
    this.expected = start.from;
    if (start.prevHash === undefined && start.from > 1) this.failure = { seq: start.from - 1, reason: `entry ${start.from - 1} is missing` };
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Checks the next stored row (rows come in seq order); false once the stretch has failed. */
  add(seq: number, body: string, hash: string): boolean {
    if (this.failure) return false;
    if (seq !== this.expected) {
      this.failure = { seq: this.expected, reason: `entry ${this.expected} is missing` };
      return false;
    }
    const reason = entryProblem(this.prev, seq, body, hash);
    if (reason) {
      this.failure = { seq, reason };
      return false;
    }
    this.prev = hash;
    this.expected++;
    this.entries++;
    return true;
  }

  /** The stretch's answer once its rows are read; `to`: its last seq (an entry before it that never came is missing). */
  report(to?: number): StretchReport {
    if (!this.failure && to !== undefined && this.expected <= to) {
      this.failure = { seq: this.expected, reason: `entry ${this.expected} is missing` };
    }
    const base = { from: this.start.from, entries: this.entries, head: this.prev };
    return this.failure ? { ...base, ok: false, firstBadSeq: this.failure.seq, reason: this.failure.reason } : { ...base, ok: true };
  }
}

/** Why one stored entry does not hold, given the stored hash before it; undefined when it holds. */
function entryProblem(prev: string, seq: number, body: string, hash: string): string | undefined {
  // The writer's bytes, recognised without parsing them (the parse was a third of a check's CPU): the
  // canonical form sorts keys, so every entry the hub wrote holds its link and its seq side by side
  // (no key sorts between prevHash and seq, and serverAt follows). Those bytes, hashed with the stored
  // hash before them, give the stored hash. Whatever else (another form of the entry, a broken one)
  // is parsed and checked field by field below, which names what is wrong.
  if (linkHolds(body, prev, seq) && bytesHash(prev, body) === hash) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return 'the stored entry is not valid JSON';
  }
  if (entry === null || typeof entry !== 'object' || entry.seq !== seq) return 'the entry names another seq';
  if (entry.prevHash !== prev) return 'prevHash does not match the previous entry';
  // The stores keep each entry's canonical JSON exactly as it was hashed, so hashing the stored
  // bytes is the check, without re-serialising. Bytes rewritten into another form of the same entry
  // fall back to the canonical form.
  if (bytesHash(prev, body) !== hash && entryHash(prev, entry) !== hash) return 'the hash does not match the entry';
  return undefined;
}

/** The log's answer from its stretches' (any order): the earliest failing stretch names the first bad entry. */
export function joinStretches(reports: StretchReport[]): ChainReport {
  let entries = 0;
  let head = GENESIS_HASH;
  for (const r of [...reports].sort((a, b) => a.from - b.from)) {
    if (!r.ok) return { ok: false, entries: entries + r.entries, head: r.head, firstBadSeq: r.firstBadSeq, reason: r.reason };
    entries += r.entries;
    head = r.head;
  }
  return { ok: true, entries, head };
}

/** Cuts seq 1..last into at most `parts` stretches of near equal length. */
export function cutStretches(last: number, parts: number): { from: number; to: number }[] {
  const n = Math.max(1, Math.min(parts, last));
  const size = Math.ceil(last / n);
  const out: { from: number; to: number }[] = [];
  for (let from = 1; from <= last; from += size) out.push({ from, to: Math.min(last, from + size - 1) });
  return out;
}
