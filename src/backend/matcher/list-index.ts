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
}

export interface ListInfo {
  id: string;
  /** NCIC, LEADS, SOS, DOT, ICC or LOCAL: becomes `hotlist.source` of the hit. */
  source: string;
  domain: DataDomain;
}

/** Entries sharing one canonical form: one index (the usual case, no array) or several. */
type Slot = number | number[];

export class ListIndex {
  private readonly byKey = new Map<string, Slot>();
  /** Expiry per entry in ms since the epoch (Infinity: none); absent when no entry expires. */
  private readonly expiresMs: Float64Array | undefined;

  constructor(
    readonly info: ListInfo,
    readonly entries: readonly ListEntry[],
  ) {
    let expires: Float64Array | undefined;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i]!;
      const key = lookalikeKey(entry.plate);
      const slot = this.byKey.get(key);
      if (slot === undefined) this.byKey.set(key, i);
      else if (typeof slot === 'number') this.byKey.set(key, [slot, i]);
      else slot.push(i);
      if (entry.expiresAt !== undefined) {
        expires ??= new Float64Array(entries.length).fill(Infinity);
        // An unreadable expiry counts as expired: a local entry must not outlive its limit.
        const ms = Date.parse(entry.expiresAt);
        expires[i] = Number.isNaN(ms) ? -Infinity : ms;
      }
    }
    this.expiresMs = expires;
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
