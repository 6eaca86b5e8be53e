/**
 * Which of a Flock alert's hot lists the hit is made from, and what the trooper is told of the others.
 *
 * A plate can be on several lists at once (Flock's `sources`); a hit carries one `hotlist`, so the most
 * serious open list leads: a mandatory category (stolen, felony, AMBER, SILVER) before the rest, so a
 * stolen-vehicle match is never filed as `other` because a custom list came first; then NCIC before a
 * custom list; then Flock's order. The reason names the other open lists, so nothing the trooper should
 * know is dropped.
 *
 * A custom list whose `customHotlistAudience` is `restricted` was shared by its owner with chosen people
 * only. The hub cannot know who they are, so such a list's name and reason never go on an alert others
 * see, and an alert on restricted lists alone is held by the adapter (docs/adapters.md).
 */
import { type Category, isMandatory } from '../../shared/protocol/index.js';

export interface FlockSourceFields {
  name: string;
  reason?: string | null | undefined;
  caseNumber?: string | null | undefined;
  customHotlistAudience?: 'organization' | 'restricted' | null | undefined;
}

export interface SourcePick<S extends FlockSourceFields> {
  /** Its index in `sources` (a refusal names `sources.N.reason`). */
  index: number;
  lead: S;
  category: Category;
  /** The reason to show: the lead's, then "also on" the other open lists; at most 500 characters. */
  reason: string | undefined;
  /** Every list is restricted: the alert is for the lists' chosen people only. */
  restrictedOnly: boolean;
  /** The restricted lists' names (for the adapter's log, never for the hit). */
  restricted: string[];
}

const MAX_REASON = 500;
const isRestricted = (s: FlockSourceFields): boolean => s.customHotlistAudience === 'restricted';
const isNcic = (s: FlockSourceFields): boolean => s.name.trim().toUpperCase() === 'NCIC';

export function pickSource<S extends FlockSourceFields>(sources: readonly S[], categoryOf: (reason: string) => Category): SourcePick<S> {
  const ranked = sources
    .map((source, index) => ({ source, index, category: categoryOf(source.reason ?? '') }))
    .sort(
      (a, b) =>
        Number(isRestricted(a.source)) - Number(isRestricted(b.source)) ||
        Number(!isMandatory(a.category)) - Number(!isMandatory(b.category)) ||
        Number(!isNcic(a.source)) - Number(!isNcic(b.source)) ||
        a.index - b.index,
    );
  const first = ranked[0]!;
  const restrictedOnly = isRestricted(first.source);
  const others = restrictedOnly ? [] : ranked.slice(1).filter((r) => !isRestricted(r.source));
  const own = first.source.reason?.trim() || undefined;
  // A list that gives the same reason is only named ("AMBER Alert · also on Statewide AMBER").
  const sameReason = (reason: string | null | undefined): boolean => !reason || reason.trim().toLowerCase() === own?.toLowerCase();
  const also = others.map((r) => (sameReason(r.source.reason) ? r.source.name.trim() : `${r.source.name.trim()}: ${r.source.reason!.trim()}`)).join('; ');
  const full = also ? `${own ?? first.source.name.trim()} · also on ${also}` : own;
  return {
    index: first.index,
    lead: first.source,
    category: first.category,
    reason: full && full.length > MAX_REASON ? `${full.slice(0, MAX_REASON - 1)}…` : full,
    restrictedOnly,
    restricted: sources.filter(isRestricted).map((s) => s.name.trim()),
  };
}
