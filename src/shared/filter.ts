/**
 * Whether an alert is for a user: the filter semantics of docs/architecture.md, one implementation used twice (the
 * hub routes with it, the client checks again with it), so both ends give the same answer.
 *
 * A hit never crosses a data domain: motor-carrier hits reach only motor-carrier users, who receive nothing
 * else (docs/protocol.md 1.1 "Domains"; before any other rule, mandatory categories included). Within the
 * domain, a hit is for a user when they own the LOCAL entry it matched, or when its category is one the user
 * receives (mandatory ones always, others per preferences) AND (the category is statewide in the policy OR the user has no active zones OR
 * the location is inside or on the border of one of the user's active zones). A zone that cannot
 * be evaluated is reported, and lets a mandatory-category hit through (fail-open): missing a
 * stolen-vehicle alert is worse than one alert from outside the area.
 */
import type { ZoneFailure, ZoneIdList, ZoneIndex } from './geo/zone-index.js';
import { type Category, isMandatory } from './protocol/categories.js';
import type { Domain } from './protocol/common.js';
import type { Hit } from './protocol/hit.js';
import type { Policy } from './protocol/policy.js';
import type { Zone } from './protocol/zone.js';
import { isZoneAssignedTo } from './zone-assignment.js';

export interface FilterUser {
  /** The user's id: the owner of a LOCAL entry always receives its hits (docs/protocol.md 1.1). */
  id?: string;
  /** The user's category preferences. Mandatory categories count whether listed or not. */
  categories: readonly Category[];
  /** Ids of the active zones assigned to the user or to their unit (see `activeZoneIdsFor`). */
  zoneIds: ZoneIdList;
  /** The user's data domain; omitted means `general`. */
  domain?: Domain;
}

export type FilterHit = Pick<Hit, 'id' | 'category' | 'location' | 'domain'> & { hotlist?: Pick<Hit['hotlist'], 'owner'> };

/** Whether a hit and a user share a data domain (a hit or user without one is `general`). */
export function sameDomain(hit: Pick<Hit, 'domain'>, userDomain: Domain | undefined): boolean {
  return (hit.domain ?? 'general') === (userDomain ?? 'general');
}

/** What the rule asks of the zone index (a ZoneIndex, or a view of one that remembers a point). */
export type ZoneLookup = Pick<ZoneIndex, 'containsAny' | 'failuresAmong'>;
export type FilterPolicy = Pick<Policy, 'mandatoryCategories' | 'statewideCategories'>;

/** Told about each of the user's zones that could not be evaluated for this hit. */
export type ZoneErrorListener = (failure: ZoneFailure & { hitId: string }) => void;

/** Whether the user receives this category at all (before any zone is considered). */
export function receivesCategory(
  category: Category,
  user: Pick<FilterUser, 'categories'>,
  policy: FilterPolicy,
): boolean {
  return isMandatory(category, policy.mandatoryCategories) || user.categories.includes(category);
}

export function isAlertForUser(
  hit: FilterHit,
  user: FilterUser,
  policy: FilterPolicy,
  index: ZoneLookup,
  onZoneError?: ZoneErrorListener,
): boolean {
  if (!sameDomain(hit, user.domain)) return false;
  // Whoever put a plate on the local list is told when it is read, wherever and whatever their settings.
  if (user.id !== undefined && hit.hotlist?.owner?.userId === user.id) return true;
  if (!receivesCategory(hit.category, user, policy)) return false;
  if (policy.statewideCategories.includes(hit.category)) return true;
  if (zoneCount(user.zoneIds) === 0) return true;

  let failures: readonly ZoneFailure[];
  try {
    if (index.containsAny(hit.location.lon, hit.location.lat, user.zoneIds)) return true;
    failures = index.failuresAmong(user.zoneIds);
  } catch (error) {
    // The index itself failed (a location that is not a number, a bug): every zone is unevaluated.
    const message = `zone evaluation failed: ${error instanceof Error ? error.message : String(error)}`;
    failures = [...user.zoneIds].map((zoneId) => ({ zoneId, message }));
  }
  // Reported only when the answer depends on them, so a healthy zone that matched does not log
  // the same broken zone for every alert.
  for (const failure of failures) onZoneError?.({ ...failure, hitId: hit.id });
  return failures.length > 0 && isMandatory(hit.category, policy.mandatoryCategories);
}

/** The ids of the active zones assigned to a user, directly or through their unit. */
export function activeZoneIdsFor(
  zones: readonly Pick<Zone, 'id' | 'active' | 'assignees'>[],
  userId: string,
  unit: string | null | undefined,
): string[] {
  return zones.filter((z) => z.active && isZoneAssignedTo(z, { id: userId, unit })).map((z) => z.id);
}

/** How many zone ids a list or set holds. */
export function zoneCount(ids: ZoneIdList): number {
  return Array.isArray(ids) ? ids.length : (ids as ReadonlySet<string>).size;
}
