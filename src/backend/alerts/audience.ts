/**
 * Who an alert is for: the shared filter (src/shared/filter.ts) over the shared ZoneIndex, with the
 * zones assigned to each user and unit, the user's category preferences kept on the hub and the
 * policy's mandatory and statewide categories. The hub routes with it (live and replay) and the
 * client checks again with the same code. State is cached and rebuilt after any zone, policy or
 * preference change.
 */
import { activeZoneIdsFor, isAlertForUser, type FilterUser } from '../../shared/filter.js';
import { ZoneIndex } from '../../shared/geo/zone-index.js';
import { CATEGORIES, type Hit, type Policy, type Zone } from '../../shared/protocol/index.js';
import type { HubStore, UserRecord } from '../store/port.js';

export interface Recipient {
  userId: string;
  unit: string | null;
}

interface RoutingState {
  generation: number;
  policy: Policy;
  zones: Zone[];
  index: ZoneIndex;
  users: Map<string, FilterUser>;
}

export class Audience {
  private generation = 0;
  private state: RoutingState | undefined;
  private loading: Promise<RoutingState> | undefined;

  constructor(
    private readonly store: HubStore,
    private readonly onZoneError: (message: string) => void = () => {},
  ) {}

  /** Zones assigned to the user, directly or through their unit (active or not: the client shows both). */
  async zonesOf(user: Pick<UserRecord, 'id' | 'unit'>): Promise<Zone[]> {
    const { zones } = await this.current();
    return zones.filter((z) => z.assignees.users.includes(user.id) || (user.unit !== null && z.assignees.units.includes(user.unit)));
  }

  async receives(recipient: Recipient, hit: Hit): Promise<boolean> {
    const state = await this.current();
    let user = state.users.get(recipient.userId);
    if (!user) {
      const prefs = await this.store.policy.preferences(recipient.userId);
      user = {
        categories: prefs?.categories ?? [...CATEGORIES],
        zoneIds: new Set(activeZoneIdsFor(state.zones, recipient.userId, recipient.unit)),
      };
      if (state.generation === this.generation) state.users.set(recipient.userId, user);
    }
    return isAlertForUser(hit, user, state.policy, state.index, (f) =>
      this.onZoneError(`zone ${f.zoneId} could not be evaluated for hit ${f.hitId}: ${f.message}`),
    );
  }

  /** Drop cached routing state (zones, preferences or policy changed). */
  invalidate(): void {
    this.generation++;
    this.state = undefined;
    this.loading = undefined;
  }

  private current(): Promise<RoutingState> | RoutingState {
    if (this.state) return this.state;
    this.loading ??= this.load(this.generation);
    return this.loading;
  }

  private async load(generation: number): Promise<RoutingState> {
    const [policy, zones] = await Promise.all([this.store.policy.get(), this.store.zones.list()]);
    const state: RoutingState = {
      generation,
      policy,
      zones,
      index: new ZoneIndex(zones.filter((z) => z.active)),
      users: new Map(),
    };
    if (generation === this.generation) this.state = state;
    return state;
  }
}
