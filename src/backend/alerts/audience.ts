/**
 * Who an alert is for: the shared filter (src/shared/filter.ts) over the shared ZoneIndex, with the
 * zones assigned to each user and unit, the user's category preferences kept on the hub and the
 * policy's mandatory and statewide categories. The hub routes with it (live and replay) and the
 * client checks again with the same code. State is cached and rebuilt after any zone, policy or
 * preference change.
 */
import { activeZoneIdsFor, isAlertForUser, type FilterUser, type ZoneLookup } from '../../shared/filter.js';
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

const POINT_MEMO_SIZE = 256;

export class Audience {
  private readonly pointMemo = new Map<string, { index: ZoneIndex; lon: number; lat: number; lookup: ZoneLookup }>();
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
    return isAlertForUser(hit, user, state.policy, this.lookupFor(state.index, hit), (f) =>
      this.onZoneError(`zone ${f.zoneId} could not be evaluated for hit ${f.hitId}: ${f.message}`),
    );
  }

  /**
   * The zone index as seen by one hit: the zones holding its point are found once, and each desk's
   * question becomes a set lookup. Every connected desk asks about every alert, so without this
   * the hub ran one point-in-polygon search per desk per alert (2,000 per alert in the delivery
   * benchmark). A few hits are remembered because replays interleave with live alerts.
   */
  private lookupFor(index: ZoneIndex, hit: Hit): ZoneLookup {
    const key = hit.id;
    const known = this.pointMemo.get(key);
    if (known && known.index === index && known.lon === hit.location.lon && known.lat === hit.location.lat) return known.lookup;
    let inside: Set<string> | undefined;
    const { lon: hitLon, lat: hitLat } = hit.location;
    const lookup: ZoneLookup = {
      containsAny(lon, lat, zoneIds) {
        if (lon !== hitLon || lat !== hitLat) return index.containsAny(lon, lat, zoneIds);
        inside ??= new Set(index.zonesContaining(lon, lat));
        if (zoneIds === undefined) return inside.size > 0;
        for (const id of zoneIds) if (inside.has(id)) return true;
        return false;
      },
      failuresAmong: (zoneIds) => index.failuresAmong(zoneIds),
    };
    if (this.pointMemo.size >= POINT_MEMO_SIZE) this.pointMemo.delete(this.pointMemo.keys().next().value as string);
    this.pointMemo.set(key, { index, lon: hitLon, lat: hitLat, lookup });
    return lookup;
  }

  /** Drop cached routing state (zones, preferences or policy changed). */
  invalidate(): void {
    this.pointMemo.clear();
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
