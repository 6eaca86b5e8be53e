/**
 * Whether a zone is assigned to a user: named in `assignees.users`, or the user's unit named in
 * `assignees.units` (docs/protocol.md#zone). One rule for the hub's routing, the zones a user may
 * read, the users a zone change is pushed to, and the desk's second filter, so they cannot drift.
 * Active or not is the caller's question: a user reads their inactive zones too.
 */
import type { Zone } from './protocol/zone.js';

/** The user side of the rule; a user with no unit (null or absent) matches only by id. */
export interface ZoneAssignee {
  id: string;
  unit?: string | null;
}

export function isZoneAssignedTo(zone: Pick<Zone, 'assignees'>, user: ZoneAssignee): boolean {
  return (
    zone.assignees.users.includes(user.id) || (user.unit != null && zone.assignees.units.includes(user.unit))
  );
}
