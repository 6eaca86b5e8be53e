/**
 * Who an alert is for. Until the shared filter (src/shared/filter.ts) is wired in, every user
 * receives every alert; the routing decision lives only here so that swap touches one file.
 */
import type { Hit, Zone } from '../../shared/protocol/index.js';
import type { HubStore, UserRecord } from '../store/port.js';

export interface Recipient {
  userId: string;
  unit: string | null;
}

export class Audience {
  constructor(private readonly store: HubStore) {}

  /** Zones assigned to the user, directly or through their unit (active or not: the client shows both). */
  async zonesOf(user: Pick<UserRecord, 'id' | 'unit'>): Promise<Zone[]> {
    const zones = await this.store.zones.list();
    return zones.filter((z) => z.assignees.users.includes(user.id) || (user.unit !== null && z.assignees.units.includes(user.unit)));
  }

  async receives(_recipient: Recipient, _hit: Hit): Promise<boolean> {
    return true;
  }

  /** Drop cached routing state (zones, preferences or policy changed). */
  invalidate(): void {}
}
