/**
 * A Troop's alerts, for the dispatcher's and supervisor's Troop view: the alerts of the last hours
 * that concern a unit ("Troop 3"), each with its acknowledgement trail and who received it.
 *
 * An alert concerns a unit when it was delivered to a user of that unit, or when its point lies in
 * an active zone assigned to that unit or to one of its users: the second half matters most, since
 * an alert in the Troop's zones that nobody has received yet is exactly the one to see. A viewer
 * without a unit covers the whole state and sees every alert. Whatever the unit, a viewer sees only the
 * alerts of their own data domain (docs/protocol.md 1.1 "Domains": motor-carrier alerts reach
 * motor-carrier users only, and those see nothing else).
 *
 * The same rule picks the sockets told of a new acknowledgement (`troop` event), so the view and
 * its live updates never disagree about what belongs to the Troop.
 */
import { sameDomain } from '../../shared/filter.js';
import { ZoneIndex } from '../../shared/geo/zone-index.js';
import type { AckEntry, Alert, Role, Zone } from '../../shared/protocol/index.js';
import type { HubStore, Receipt, UserRecord } from '../store/port.js';

/** Those who watch a Troop (roles of docs/protocol.md that may see other desks' work on the Troop's alerts). */
export const TROOP_WATCHERS: readonly Role[] = ['dispatcher', 'supervisor'];

export const watchesTroop = (user: Pick<UserRecord, 'roles'>): boolean => user.roles.some((r) => TROOP_WATCHERS.includes(r));

export interface TroopReceipt {
  userId: string;
  username: string | null;
  displayName: string | null;
  unit: string | null;
  receivedAt: string;
}

export interface TroopAlert {
  seq: number;
  /** Without images: the view lists, it does not show evidence. */
  alert: Alert;
  trail: AckEntry[];
  /** One per user (the first receipt of each), oldest first. */
  receipts: TroopReceipt[];
}

/** Units concerned by an alert at (lon, lat) delivered per `receipts` (see the header). */
function unitsConcerned(receipts: readonly Receipt[], holding: readonly Zone[], users: ReadonlyMap<string, UserRecord>): Set<string> {
  const units = new Set<string>();
  const add = (unit: string | null | undefined): void => {
    if (unit) units.add(unit);
  };
  for (const r of receipts) add(users.get(r.userId)?.unit);
  for (const z of holding) {
    z.assignees.units.forEach(add);
    for (const id of z.assignees.users) add(users.get(id)?.unit);
  }
  return units;
}

function firstPerUser(receipts: readonly Receipt[], users: ReadonlyMap<string, UserRecord>): TroopReceipt[] {
  const first = new Map<string, Receipt>();
  for (const r of receipts) {
    const had = first.get(r.userId);
    if (!had || r.receivedAt < had.receivedAt) first.set(r.userId, r);
  }
  return [...first.values()]
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((r) => {
      const u = users.get(r.userId);
      return { userId: r.userId, username: u?.username ?? null, displayName: u?.displayName ?? null, unit: u?.unit ?? null, receivedAt: r.receivedAt };
    });
}

/** What a read needs once per request: the users by id and the active zones' index. */
class TroopLens {
  private readonly index: ZoneIndex;
  private readonly zones: Map<string, Zone>;

  constructor(
    zones: readonly Zone[],
    readonly users: ReadonlyMap<string, UserRecord>,
  ) {
    const active = zones.filter((z) => z.active);
    this.zones = new Map(active.map((z) => [z.id, z]));
    this.index = new ZoneIndex(active);
  }

  unitsOf(alert: Alert, receipts: readonly Receipt[]): Set<string> {
    let holding: Zone[] = [];
    try {
      holding = this.index.zonesContaining(alert.hit.location.lon, alert.hit.location.lat).flatMap((id) => this.zones.get(id) ?? []);
    } catch {
      // A zone that cannot be evaluated leaves the receipts to decide; the routing logs the zone.
    }
    return unitsConcerned(receipts, holding, this.users);
  }
}

export class TroopDesk {
  constructor(private readonly store: HubStore) {}

  private async lens(): Promise<TroopLens> {
    const [zones, users] = await Promise.all([this.store.zones.list(), this.store.users.list()]);
    return new TroopLens(zones, new Map(users.map((u) => [u.id, u])));
  }

  /**
   * The alerts of the viewer's domain ingested since `since` that concern the viewer's unit (every
   * such alert when the unit is null), newest first, at most `limit` of them scanned; `truncated`
   * says the window held more.
   */
  async alerts(viewer: Pick<UserRecord, 'unit' | 'domain'>, since: string, limit: number): Promise<{ items: TroopAlert[]; truncated: boolean }> {
    const { unit, domain } = viewer;
    const lens = await this.lens();
    const rows = await this.store.alerts.query({ since, limit });
    const items: TroopAlert[] = [];
    for (const row of rows) {
      if (!sameDomain(row.alert.hit, domain)) continue;
      const receipts = await this.store.receipts.forAlert(row.alert.id);
      if (unit !== null && !lens.unitsOf(row.alert, receipts).has(unit)) continue;
      const { images: _images, ...hit } = row.alert.hit;
      items.push({ seq: row.seq, alert: { ...row.alert, hit }, trail: await this.store.acks.trail(row.alert.id), receipts: firstPerUser(receipts, lens.users) });
    }
    return { items, truncated: rows.length === limit };
  }

  /**
   * The users to tell about a change to this alert: the watchers of its units and the statewide
   * ones (no unit). Their `user:<id>` rooms reach every node's sockets through the Socket.IO adapter.
   */
  async watchersOf(alertId: string): Promise<string[]> {
    const stored = await this.store.alerts.byId(alertId);
    if (!stored) return [];
    const lens = await this.lens();
    const units = lens.unitsOf(stored.alert, await this.store.receipts.forAlert(alertId));
    // A disabled user has no socket left (its sessions end with it), so no filter is needed here.
    return [...lens.users.values()]
      .filter((u) => watchesTroop(u) && sameDomain(stored.alert.hit, u.domain) && (u.unit === null || units.has(u.unit)))
      .map((u) => u.id);
  }
}

/**
 * Tells the Troop watchers of each new acknowledgement entry (`troop` {alertId, entry}): a
 * dispatcher receives the `ack` fan-out only for alerts delivered to them, and the Troop view must
 * follow every desk's steps on the Troop's alerts without re-reading on a timer.
 */
export class TroopWatch {
  constructor(
    private readonly desk: TroopDesk,
    private readonly push: (userIds: string[], payload: { alertId: string; entry: AckEntry }) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  private readonly pending = new Set<Promise<void>>();

  entry(entry: AckEntry): void {
    const push = this.desk.watchersOf(entry.alertId).then(
      (ids) => {
        if (ids.length > 0) this.push(ids, { alertId: entry.alertId, entry });
      },
      (err: unknown) => this.onError(err),
    );
    this.pending.add(push);
    void push.finally(() => this.pending.delete(push));
  }

  /** Resolves once the pushes under way are done: a stopping hub waits for them before closing its store. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
