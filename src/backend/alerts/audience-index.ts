/**
 * The connected recipients filed by what can make an alert theirs, so a new alert is put to the
 * few desks it may be for instead of all of them: with 2,000 desks connected and an alert for the
 * 100 of one district, asking every desk (`Audience.receivesNow`) was a third of the hub's work per
 * alert, and the district's last desk waited behind the other 1,900 questions.
 *
 * `candidates` never leaves out a recipient the filter (src/shared/filter.ts) would send the alert
 * to: a recipient gets an alert when it owns the local-list entry (filed by user id), when the
 * category is statewide (every member is a candidate), when it has no zones (filed as zoneless),
 * when a zone of its holds the point (filed by zone), or when one of its zones cannot be evaluated
 * (filed apart). Candidates are then asked the full question; the others are not for this alert.
 * Recipients the routing state has not met yet (a user's first connection) are always candidates.
 */
import type { Hit } from '../../shared/protocol/index.js';
import { zoneCount, type FilterUser } from '../../shared/filter.js';
import type { Audience, Recipient, RoutingView } from './audience.js';

export class AudienceIndex<T> {
  private readonly recipients = new Map<T, Recipient>();
  private filed: Filing<T> | undefined;

  constructor(private readonly audience: Audience) {}

  /** Every member, in the order they were added. */
  members(): IterableIterator<T> {
    return this.recipients.keys();
  }

  add(member: T, recipient: Recipient): void {
    this.recipients.set(member, recipient);
    this.filed?.place(member, recipient);
  }

  delete(member: T): void {
    this.recipients.delete(member);
    this.filed?.remove(member);
  }

  /**
   * The members `hit` may be for, or undefined when each must be asked: the routing state is not
   * loaded, the category is statewide, the point cannot be looked up, or most members have no zones.
   */
  candidates(hit: Hit): ReadonlySet<T> | undefined {
    const view = this.audience.routingNow();
    if (!view) return undefined;
    if (this.filed?.view !== view) this.filed = this.fileAll(view);
    const filed = this.filed;
    if (view.policy.statewideCategories.includes(hit.category)) return undefined;
    filed.placeWaiting();
    if (filed.zoneless.size * 2 > this.recipients.size) return undefined;
    let holding: ReadonlySet<string>;
    try {
      holding = this.audience.zonesHolding(view, hit);
    } catch {
      return undefined;
    }
    const out = new Set<T>();
    const addAll = (members: ReadonlySet<T> | undefined): void => {
      if (members) for (const m of members) out.add(m);
    };
    addAll(filed.zoneless);
    addAll(filed.unevaluable);
    for (const m of filed.waiting.keys()) out.add(m);
    for (const zoneId of holding) addAll(filed.byZone.get(zoneId));
    const owner = hit.hotlist?.owner?.userId;
    if (owner !== undefined) addAll(filed.byUser.get(owner));
    return out;
  }

  private fileAll(view: RoutingView): Filing<T> {
    const filing = new Filing<T>(view, this.audience);
    for (const [member, recipient] of this.recipients) filing.place(member, recipient);
    return filing;
  }
}

/** The members filed for one routing state (a new state files them again). */
class Filing<T> {
  readonly zoneless = new Set<T>();
  /** Members with a zone the index cannot evaluate: a mandatory alert reaches them anywhere (fail-open). */
  readonly unevaluable = new Set<T>();
  /** Members whose filter user the state does not hold yet. */
  readonly waiting = new Map<T, Recipient>();
  readonly byZone = new Map<string, Set<T>>();
  readonly byUser = new Map<string, Set<T>>();
  private readonly placed = new Map<T, { user: FilterUser; userId: string }>();

  constructor(
    readonly view: RoutingView,
    private readonly audience: Audience,
  ) {}

  place(member: T, recipient: Recipient): void {
    const user = this.audience.userNow(recipient);
    if (!user) {
      this.waiting.set(member, recipient);
      return;
    }
    this.placed.set(member, { user, userId: recipient.userId });
    fileUnder(this.byUser, recipient.userId, member);
    if (zoneCount(user.zoneIds) === 0) this.zoneless.add(member);
    for (const zoneId of user.zoneIds) fileUnder(this.byZone, zoneId, member);
    if (this.view.index.failuresAmong(user.zoneIds).length > 0) this.unevaluable.add(member);
  }

  remove(member: T): void {
    this.waiting.delete(member);
    const placed = this.placed.get(member);
    if (!placed) return;
    this.placed.delete(member);
    unfile(this.byUser, placed.userId, member);
    this.zoneless.delete(member);
    this.unevaluable.delete(member);
    for (const zoneId of placed.user.zoneIds) unfile(this.byZone, zoneId, member);
  }

  /** Files the members whose user the state has met since (their first catch-up asked about them). */
  placeWaiting(): void {
    for (const [member, recipient] of this.waiting) {
      if (!this.audience.userNow(recipient)) continue;
      this.waiting.delete(member);
      this.place(member, recipient);
    }
  }
}

function fileUnder<T>(map: Map<string, Set<T>>, key: string, member: T): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(member);
}

function unfile<T>(map: Map<string, Set<T>>, key: string, member: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(member);
  if (set.size === 0) map.delete(key);
}
