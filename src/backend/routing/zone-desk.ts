/**
 * Zone changes (docs/protocol.md#zone): a zone is checked whole (the shared geometry rules, and every
 * assignee an account, or it would silently reach nobody) before anything is stored; each change is
 * kept in the zone history and the security log, and the users it concerns are told (HubEvents).
 */
import { validateZoneGeometry } from '../../shared/geo/validate.js';
import type { Zone } from '../../shared/protocol/index.js';
import { isZoneAssignedTo } from '../../shared/zone-assignment.js';
import type { Audience } from '../alerts/audience.js';
import type { Actor, SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError, notFound } from '../errors.js';
import type { HubEvents } from '../hub-events.js';
import type { HubStore, UserRecord } from '../store/port.js';

export function invalidZone(issues: { path: string; message: string }[]): HubError {
  return new HubError(400, 'invalid_zone', `the zone is not valid: ${issues.length} problem(s)`, { issues });
}

const concerns = (zones: (Zone | null | undefined)[]) => (u: UserRecord): boolean => zones.some((z) => z && isZoneAssignedTo(z, u));

export class ZoneDesk {
  constructor(
    private readonly store: HubStore,
    private readonly securityLog: SecurityLog,
    private readonly audience: Audience,
    private readonly events: HubEvents,
    private readonly clock: Clock,
  ) {}

  async put(zone: Zone, by: Actor & { userId: string }): Promise<Zone> {
    const issues = validateZoneGeometry(zone.geometry, 'geometry');
    const known = new Set((await this.store.users.list()).map((u) => u.id));
    zone.assignees.users.forEach((id, i) => {
      if (!known.has(id)) issues.push({ path: `assignees.users.${i}`, message: `no user with id "${id}"` });
    });
    if (issues.length > 0) throw invalidZone(issues);
    const change = await this.store.zones.put(zone, by.userId, this.clock.now().toISOString());
    await this.securityLog.record('zone_put', 'success', by, { zone: zone.id, change: change.change });
    this.audience.invalidate();
    await this.events.emit('zonesChanged', concerns([change.before, change.zone]));
    return change.zone ?? zone;
  }

  async remove(id: string, by: Actor & { userId: string }): Promise<void> {
    const change = await this.store.zones.remove(id, by.userId, this.clock.now().toISOString());
    if (!change) throw notFound('zone');
    await this.securityLog.record('zone_delete', 'success', by, { zone: id });
    this.audience.invalidate();
    await this.events.emit('zonesChanged', concerns([change.before]));
  }
}
