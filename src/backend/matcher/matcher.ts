/**
 * The hub's matcher (docs/protocol.md 1.1 "Reads, hot lists and the matcher"): every hot list
 * indexed in memory, `match(reads)` answering which read matched which entry and how. Pure and
 * synchronous (no I/O, time passed in), so it is tested against a nested-loop reference and
 * benchmarked on its own (`npm run bench -- match`).
 *
 * The rule: a read matches an entry when the plates are equal and the states are equal or either
 * is `UNK`; with `lookalike` also when the plates differ only within the lookalike groups; each of
 * the read's OCR candidates is matched the same way. Reads match only lists of their own domain.
 * Expired entries never match. One read and one entry give at most one match, the best kind:
 * the read's plate exactly, else as a lookalike, else the first of its candidates (in the order
 * given) that matches exactly or, with `lookalike`, as a lookalike.
 */
import { lookalikeKey } from './lookalike.js';
import { type DataDomain, type ListEntry, ListIndex, type ListInfo } from './list-index.js';

export type MatchKind = 'exact' | 'lookalike' | 'candidate';

export interface ReadToMatch {
  plate: string;
  plateState: string;
  domain?: DataDomain;
  candidates?: readonly { plate: string }[];
}

export interface Match {
  /** Index of the read in the batch given to `match`. */
  read: number;
  list: ListInfo;
  entryIndex: number;
  entry: ListEntry;
  kind: MatchKind;
  /** The candidate reading that matched (kind `candidate`). */
  candidatePlate?: string;
}

export interface MatchOptions {
  /** The policy's `ocrEquivalence`. */
  lookalike: boolean;
  /** Now, in ms since the epoch: entries expired by then do not match. */
  nowMs: number;
}

function statesAgree(a: string, b: string): boolean {
  return a === b || a === 'UNK' || b === 'UNK';
}

export class Matcher {
  private lists: ListIndex[] = [];

  /**
   * Puts a list in (or in place of the list with its id). The index is built first, then swapped
   * in in one step: a `match` before sees the whole old list, one after the whole new one.
   */
  replace(info: ListInfo, entries: readonly ListEntry[]): void {
    this.install(new ListIndex(info, entries));
  }

  /** Puts an index built beforehand (ListIndex.build) in place of the list with its id, in one step. */
  install(index: ListIndex): void {
    const id = index.info.id;
    this.lists = [...this.lists.filter((l) => l.info.id !== id), index].sort((a, b) =>
      a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0,
    );
  }

  remove(id: string): void {
    this.lists = this.lists.filter((l) => l.info.id !== id);
  }

  /** The lists held, by id, with their entry counts. */
  held(): { info: ListInfo; entries: number }[] {
    return this.lists.map((l) => ({ info: l.info, entries: l.size }));
  }

  match(reads: readonly ReadToMatch[], options: MatchOptions): Match[] {
    const out: Match[] = [];
    const lists = this.lists; // one snapshot for the whole batch
    for (let r = 0; r < reads.length; r += 1) {
      const read = reads[r]!;
      const domain = read.domain ?? 'general';
      const key = lookalikeKey(read.plate);
      const candidates = read.candidates;
      let candidateKeys: string[] | undefined;
      for (const list of lists) {
        if (list.info.domain !== domain) continue;
        const before = out.length;
        this.matchPlate(list, key, read.plate, read.plateState, r, undefined, options, out, before);
        if (candidates === undefined || candidates.length === 0) continue;
        candidateKeys ??= candidates.map((c) => lookalikeKey(c.plate));
        for (let c = 0; c < candidates.length; c += 1) {
          this.matchPlate(list, candidateKeys[c]!, candidates[c]!.plate, read.plateState, r, candidates[c]!.plate, options, out, before);
        }
      }
    }
    return out;
  }

  /**
   * Adds the matches of one spelling (the read's plate, or one candidate) in one list, skipping
   * entries this read already matched in this list (`out` from `since` on).
   */
  private matchPlate(
    list: ListIndex,
    key: string,
    plate: string,
    state: string,
    read: number,
    candidatePlate: string | undefined,
    options: MatchOptions,
    out: Match[],
    since: number,
  ): void {
    const slot = list.lookup(key);
    if (slot === undefined) return;
    const count = typeof slot === 'number' ? 1 : slot.length;
    for (let s = 0; s < count; s += 1) {
      const i = typeof slot === 'number' ? slot : slot[s]!;
      const entry = list.entries[i]!;
      if (!statesAgree(state, entry.state)) continue;
      const exact = entry.plate === plate;
      if (!exact && !options.lookalike) continue;
      if (!list.live(i, options.nowMs)) continue;
      if (candidatePlate !== undefined && already(out, since, i)) continue;
      const kind: MatchKind = candidatePlate !== undefined ? 'candidate' : exact ? 'exact' : 'lookalike';
      const match: Match = { read, list: list.info, entryIndex: i, entry, kind };
      if (candidatePlate !== undefined) match.candidatePlate = candidatePlate;
      out.push(match);
    }
  }
}

function already(out: Match[], since: number, entryIndex: number): boolean {
  for (let k = since; k < out.length; k += 1) if (out[k]!.entryIndex === entryIndex) return true;
  return false;
}

export { ListIndex, type DataDomain, type ListEntry, type ListInfo };
