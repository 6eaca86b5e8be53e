/**
 * The matcher's oracle: docs/protocol.md 1.1's matching rule written as plainly as it reads, a loop
 * over every read and every entry with no index. Slow on purpose (each read scans every entry);
 * the unit test and the `match` benchmark check the real Matcher against it.
 */
import type { ListEntry, ListInfo, MatchKind, ReadToMatch } from '../../../src/backend/matcher/matcher.js';

export interface ReferenceList {
  info: ListInfo;
  entries: readonly ListEntry[];
}

export interface ReferenceMatch {
  read: number;
  listId: string;
  entryIndex: number;
  kind: MatchKind;
  candidatePlate?: string;
}

const GROUPS = ['0ODQ', '1IL', '8B', '5S', '2Z', '6G'];

function sameGroup(a: string, b: string): boolean {
  return a === b || GROUPS.some((g) => g.includes(a) && g.includes(b));
}

/** Same length, and each position equal or in one lookalike group. */
function lookalike(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!sameGroup(a[i]!, b[i]!)) return false;
  return true;
}

export function referenceMatch(
  lists: readonly ReferenceList[],
  reads: readonly ReadToMatch[],
  options: { lookalike: boolean; nowMs: number },
): ReferenceMatch[] {
  const out: ReferenceMatch[] = [];
  const plateMatches = (read: string, entry: string): boolean => read === entry || (options.lookalike && lookalike(read, entry));
  reads.forEach((read, r) => {
    for (const list of lists) {
      if (list.info.domain !== (read.domain ?? 'general')) continue;
      list.entries.forEach((entry, i) => {
        const stateOk = read.plateState === entry.state || read.plateState === 'UNK' || entry.state === 'UNK';
        if (!stateOk) return;
        if (entry.expiresAt !== undefined && !(Date.parse(entry.expiresAt) > options.nowMs)) return;
        if (read.plate === entry.plate) return void out.push({ read: r, listId: list.info.id, entryIndex: i, kind: 'exact' });
        if (plateMatches(read.plate, entry.plate)) return void out.push({ read: r, listId: list.info.id, entryIndex: i, kind: 'lookalike' });
        const candidate = (read.candidates ?? []).find((c) => plateMatches(c.plate, entry.plate));
        if (candidate) out.push({ read: r, listId: list.info.id, entryIndex: i, kind: 'candidate', candidatePlate: candidate.plate });
      });
    }
  });
  return out;
}

/** One line per match, sorted: two matchers agree when these lists are equal. */
export function matchLines(matches: readonly { read: number; listId?: string; list?: ListInfo; entryIndex: number; kind: MatchKind; candidatePlate?: string }[]): string[] {
  return matches
    .map((m) => `${m.read}|${m.listId ?? m.list?.id}|${m.entryIndex}|${m.kind}|${m.candidatePlate ?? ''}`)
    .sort();
}
