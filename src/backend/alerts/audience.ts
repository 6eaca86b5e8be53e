/**
 * Who an alert is for: the shared filter (src/shared/filter.ts) over the shared ZoneIndex, with the
 * zones assigned to each user and unit, the user's category preferences kept on the hub and the
 * policy's mandatory and statewide categories. The hub routes with it (live and replay) and the
 * client checks again with the same code. State is cached and rebuilt after any zone, policy or
 * preference change.
 */
import { activeZoneIdsFor, isAlertForUser, type FilterUser, type ZoneLookup } from '../../shared/filter.js';
import { ZoneIndex, type ZoneFailure, type ZoneIdList } from '../../shared/geo/zone-index.js';
import { CATEGORIES, type Domain, type Hit, type Policy, type Zone } from '../../shared/protocol/index.js';
import { isZoneAssignedTo } from '../../shared/zone-assignment.js';
import type { HubStore, UserRecord } from '../store/port.js';

export interface Recipient {
  userId: string;
  unit: string | null;
  /** The user's data domain (docs/protocol.md 1.1): motor-carrier users receive motor-carrier alerts only. */
  domain: Domain;
}

export const recipientOf = (user: Pick<UserRecord, 'id' | 'unit' | 'domain'>): Recipient => ({ userId: user.id, unit: user.unit, domain: user.domain });

interface RoutingState {
  generation: number;
  policy: Policy;
  zones: Zone[];
  index: ZoneIndex;
  users: Map<string, FilterUser>;
}

/** What an index over recipients reads of a routing state (one object per state: compare by identity). */
export type RoutingView = Pick<RoutingState, 'policy' | 'index'>;

const POINT_MEMO_SIZE = 4096;

/** A recipient's cache key: what the answer depends on (a user moved to another unit or domain is a new entry). */
const keyOf = (recipient: Recipient): string => `${recipient.userId}\u0000${recipient.unit ?? ''}\u0000${recipient.domain}`;

export class Audience {
  private readonly pointMemo = new Map<string, HitZones>();
  /** Each recipient's filter user of the current state, by object (a Delivery keeps one Recipient for its socket's life). */
  private readonly byRecipient = new WeakMap<Recipient, { state: RoutingState; user: FilterUser }>();
  private readonly reportZoneFailure = (f: ZoneFailure & { hitId: string }): void =>
    this.onZoneError(`zone ${f.zoneId} could not be evaluated for hit ${f.hitId}: ${f.message}`);
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
    return zones.filter((z) => isZoneAssignedTo(z, user));
  }

  /**
   * The answer at once when the routing state and this recipient's preferences are cached, else
   * undefined (ask `receives`). A desk catching up runs this for every alert of its backlog, most of
   * them not for it: 2,000 desks replaying 1,000 alerts is 2,000,000 questions, and a promise each
   * was a good part of a reconnect storm's CPU.
   */
  receivesNow(recipient: Recipient, hit: Hit): boolean | undefined {
    const state = this.state;
    const user = this.userNow(recipient);
    if (!state || !user) return undefined;
    return isAlertForUser(hit, user, state.policy, this.lookupFor(state.index, hit), this.reportZoneFailure);
  }

  /** The routing state now, when cached: a new object after every change (see `AudienceIndex`). */
  routingNow(): RoutingView | undefined {
    return this.state;
  }

  /** The recipient's filter user in the current routing state, when cached (`receives` caches it). */
  userNow(recipient: Recipient): FilterUser | undefined {
    const state = this.state;
    if (!state) return undefined;
    const known = this.byRecipient.get(recipient);
    if (known?.state === state) return known.user;
    const user = state.users.get(keyOf(recipient));
    if (user) this.byRecipient.set(recipient, { state, user });
    return user;
  }

  /** Ids of the active zones holding the hit's point, in the current routing state (remembered per hit). */
  zonesHolding(view: RoutingView, hit: Hit): ReadonlySet<string> {
    return this.lookupFor(view.index, hit).inside();
  }

  async receives(recipient: Recipient, hit: Hit): Promise<boolean> {
    const state = await this.current();
    // Keyed by what the answer depends on: a user moved to another unit or data domain is a new entry.
    const key = keyOf(recipient);
    let user = state.users.get(key);
    if (!user) {
      const prefs = await this.store.policy.preferences(recipient.userId);
      user = {
        id: recipient.userId,
        domain: recipient.domain,
        categories: prefs?.categories ?? [...CATEGORIES],
        zoneIds: new Set(activeZoneIdsFor(state.zones, recipient.userId, recipient.unit)),
      };
      if (state.generation === this.generation) state.users.set(key, user);
    }
    return isAlertForUser(hit, user, state.policy, this.lookupFor(state.index, hit), this.reportZoneFailure);
  }

  /**
   * The zone index as seen by one hit: the zones holding its point are found once, and each desk's
   * question becomes a set lookup. Every connected desk asks about every alert, so without this
   * the hub ran one point-in-polygon search per desk per alert (2,000 per alert in the delivery
   * benchmark). Enough hits are remembered for desks replaying a backlog at different places.
   */
  private lookupFor(index: ZoneIndex, hit: Hit): HitZones {
    const known = this.pointMemo.get(hit.id);
    if (known && known.index === index && known.lon === hit.location.lon && known.lat === hit.location.lat) return known;
    const lookup = new HitZones(index, hit.location.lon, hit.location.lat);
    if (this.pointMemo.size >= POINT_MEMO_SIZE) this.pointMemo.delete(this.pointMemo.keys().next().value as string);
    this.pointMemo.set(hit.id, lookup);
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
    if (!this.loading) {
      const loading = this.load(this.generation);
      // A failed load (a database blip) must not be remembered: the next alert retries instead of
      // every delivery on this node failing until the next zone or policy change.
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
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

/** A ZoneLookup for one point: the zones holding it, found on first use; other points go to the index. */
class HitZones implements ZoneLookup {
  private holding: Set<string> | undefined;

  constructor(
    readonly index: ZoneIndex,
    readonly lon: number,
    readonly lat: number,
  ) {}

  /** The zones holding this point (found on first use). */
  inside(): ReadonlySet<string> {
    return (this.holding ??= new Set(this.index.zonesContaining(this.lon, this.lat)));
  }

  containsAny(lon: number, lat: number, zoneIds?: ZoneIdList): boolean {
    if (lon !== this.lon || lat !== this.lat) return this.index.containsAny(lon, lat, zoneIds);
    const inside = this.inside();
    if (zoneIds === undefined) return inside.size > 0;
    for (const id of zoneIds) if (inside.has(id)) return true;
    return false;
  }

  failuresAmong(zoneIds: ZoneIdList): readonly ZoneFailure[] {
    return this.index.failuresAmong(zoneIds);
  }
}
