/**
 * One hot list, indexed for matching: its entries keyed by the plate's lookalike canonical form
 * (./lookalike.ts). An exact match has the same canonical form too, so one Map serves both kinds:
 * the lookup gives the few entries that could match, and the caller tells exact from lookalike by
 * comparing the plates. Built whole before it is used and never changed after (a list is replaced
 * by building a new index), which is what lets matching go on against the old list meanwhile.
 */
import type { Category } from '../../shared/protocol/index.js';
import { lookalikeKey } from './lookalike.js';

export type DataDomain = 'general' | 'motor_carrier';

/** A hot-list entry as the matcher needs it (docs/protocol.md 1.1 `PUT /hotlists/:id`, local entries). */
export interface ListEntry {
  plate: string;
  state: string;
  category: Category;
  reason: string;
  entryId?: string;
  enteredAt?: string;
  caseNumber?: string;
  /** Local entries: from this time on the entry never matches. */
  expiresAt?: string;
  /** Local entries: who added it (named in its hits, and always told). */
  owner?: { userId: string; username: string };
}

export interface ListInfo {
  id: string;
  /** NCIC, LEADS, SOS, DOT, ICC or LOCAL: becomes `hotlist.source` of the hit. */
  source: string;
  domain: DataDomain;
}

/** Entries sharing one canonical form: one index (the usual case, no array) or several. */
type Slot = number | number[];

interface Built {
  byKey: Map<string, Slot>;
  expires: Float64Array | undefined;
}

/** Indexes the entries into `into`, pausing (yield) after every `every` entries. */
function* indexing(entries: readonly ListEntry[], into: Built, every: number): Generator<void> {
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    const key = lookalikeKey(entry.plate);
    const slot = into.byKey.get(key);
    if (slot === undefined) into.byKey.set(key, i);
    else if (typeof slot === 'number') into.byKey.set(key, [slot, i]);
    else slot.push(i);
    if (entry.expiresAt !== undefined) {
      into.expires ??= new Float64Array(entries.length).fill(Infinity);
      // An unreadable expiry counts as expired: a local entry must not outlive its limit.
      const ms = Date.parse(entry.expiresAt);
      into.expires[i] = Number.isNaN(ms) ? -Infinity : ms;
    }
    if ((i + 1) % every === 0) yield;
  }
}

export class ListIndex {
  private readonly byKey: Map<string, Slot>;
  /** Expiry per entry in ms since the epoch (Infinity: none); absent when no entry expires. */
  private readonly expiresMs: Float64Array | undefined;

  constructor(
    readonly info: ListInfo,
    readonly entries: readonly ListEntry[],
    built?: Built,
  ) {
    if (!built) {
      built = { byKey: new Map(), expires: undefined };
      const steps = indexing(entries, built, Infinity);
      while (!steps.next().done);
    }
    this.byKey = built.byKey;
    this.expiresMs = built.expires;
  }

  /**
   * Builds the index a slice at a time, awaiting `pause` between slices: indexing 1,000,000 entries
   * takes seconds, during which the hub must go on delivering alerts.
   */
  static async build(info: ListInfo, entries: readonly ListEntry[], pause: () => Promise<void>, every = 50_000): Promise<ListIndex> {
    const built: Built = { byKey: new Map(), expires: undefined };
    const steps = indexing(entries, built, every);
    while (!steps.next().done) await pause();
    return new ListIndex(info, entries, built);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entries whose plate has this canonical form. */
  lookup(key: string): Slot | undefined {
    return this.byKey.get(key);
  }

  /** False once a local entry has expired (at `nowMs` or before). */
  live(i: number, nowMs: number): boolean {
    return this.expiresMs === undefined || this.expiresMs[i]! > nowMs;
  }
}
