/**
 * Hot-list freshness in words (issue 11): how old each downloaded list is and whether the hub
 * calls it stale, for the console's strip and the alert popup. Pure, unit-tested.
 */
import type { HotlistSummary } from '../../shared/protocol/read.js';
import { age } from '../model/time.js';

export interface ListFreshness {
  id: string;
  /** The list's source ("NCIC"), or its name when several lists share that source. */
  label: string;
  /** "NCIC 3 h old", "LEADS 26 h old, stale": the word says it, not the colour alone. */
  text: string;
  stale: boolean;
  downloadedAt: string;
}

export function freshnessLine(lists: HotlistSummary[], now: number): ListFreshness[] {
  const perSource = new Map<string, number>();
  for (const l of lists) perSource.set(l.source, (perSource.get(l.source) ?? 0) + 1);
  return [...lists]
    .sort((a, b) => a.source.localeCompare(b.source) || a.name.localeCompare(b.name))
    .map((l) => {
      const label = (perSource.get(l.source) ?? 0) > 1 ? l.name : l.source;
      return {
        id: l.id,
        label,
        text: `${label} ${age(l.downloadedAt, now)} old${l.stale ? ', stale' : ''}`,
        stale: l.stale,
        downloadedAt: l.downloadedAt,
      };
    });
}

export interface HitListAge {
  text: string;
  stale: boolean;
}

/**
 * The age of the list a hit came from, for the popup: "NCIC list 3 h old". Hits carry only the
 * list's source, so when several lists share it the oldest speaks (the hit may rest on it). Local
 * entries are no downloaded list: undefined, as when the hub has no list of that source.
 */
export function hitListAge(source: string, lists: HotlistSummary[], now: number): HitListAge | undefined {
  if (source === 'LOCAL') return undefined;
  const same = lists.filter((l) => l.source === source);
  if (same.length === 0) return undefined;
  const oldest = same.reduce((a, b) => (Date.parse(b.downloadedAt) < Date.parse(a.downloadedAt) ? b : a));
  const stale = same.some((l) => l.stale);
  const text = `${source} list ${age(oldest.downloadedAt, now)} old`;
  return {
    text: stale ? `${text}: STALE, the entry may have been cleared since; verify before acting` : text,
    stale,
  };
}
