/**
 * The soak's agency, drawn from its seed: Illinois' 102 counties as zones, each assigned to one of
 * 20 districts (a few left inactive); every desk a trooper of a random district (or of headquarters,
 * which has no zones), some also holding one or two counties of their own, each with random category
 * preferences kept on the hub (the mandatory ones are theirs whatever they choose). Written straight
 * into the cluster's Postgres before the nodes start, with access tokens signed by the cluster's key.
 *
 * `eligibleDesks` answers, per alert, which desks must show it: the shared rule (src/shared/filter.ts,
 * `isAlertForUser`) over each desk's zones and preferences as seeded here. The hub routes with the same
 * rule, so the soak does not test the rule (its unit tests and the filter bench do, against turf); it
 * tests that faults never make the hub, the wire or the client lose, repeat or misroute what it says.
 */
import { activeZoneIdsFor, isAlertForUser, type FilterUser, type ZoneLookup } from '../../src/shared/filter.js';
import { ZoneIndex } from '../../src/shared/geo/zone-index.js';
import { CATEGORIES, DEFAULT_POLICY, MANDATORY_CATEGORIES, type Category, type Hit, type Zone } from '../../src/shared/protocol/index.js';
import type { Random } from '../../src/shared/seeded-random.js';
import type { Clock } from '../../src/backend/clock.js';
import type { HubStore } from '../../src/backend/store/port.js';
import { offlineAccounts } from '../../src/backend/auth/offline-accounts.js';
import type { DeskSpec } from '../bench/support/fleet-protocol.js';
import { DISTRICTS, illinoisZones, seedDesks } from '../bench/support/illinois-desks.js';

const HEADQUARTERS = 'Headquarters';
/** Share of desks at headquarters (no unit zones): with no zone of their own either, they get every alert of their categories. */
const AT_HEADQUARTERS = 0.04;
const WITH_OWN_ZONES = 0.3;
const INACTIVE_ZONES = 3;
/** The categories a desk may switch on or off (the rest are mandatory or need a local entry's owner). */
const OPTIONAL = CATEGORIES.filter((c) => !MANDATORY_CATEGORIES.includes(c) && c !== 'local');

export interface SoakAgency {
  /** The fleet's desks (real AlertLink), with their preferences. */
  desks: DeskSpec[];
  /** Users for the whole-client desk processes (they sign in with `password`). */
  ackUsers: DeskSpec[];
  zones: Zone[];
  ingestKey: string;
}

export async function seedSoakAgency(store: HubStore, secret: string, deskCount: number, ackDeskCount: number, random: Random, tokenClock: Clock): Promise<SoakAgency> {
  const zones = illinoisZones();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < INACTIVE_ZONES; i++) pick(zones).active = false;
  const shapes = Array.from({ length: deskCount }, () => ({ unit: random() < AT_HEADQUARTERS ? HEADQUARTERS : `District ${1 + Math.floor(random() * DISTRICTS)}` }));
  // The ack desks are troopers of districts 1.. (a county or five each: some alerts, not all of them).
  for (let i = 0; i < ackDeskCount; i++) shapes.push({ unit: `District ${1 + (i % DISTRICTS)}` });
  const specs = await seedDesks(store, { secret }, shapes, tokenClock);
  const desks = specs.slice(0, deskCount);
  for (const desk of desks) {
    if (random() < WITH_OWN_ZONES) {
      const own = 1 + Math.floor(random() * 2);
      for (let k = 0; k < own; k++) {
        const zone = pick(zones);
        if (!zone.assignees.users.includes(desk.userId)) zone.assignees.users.push(desk.userId);
      }
    }
    desk.categories = OPTIONAL.filter(() => random() < 0.5);
    await store.policy.putPreferences(desk.userId, { categories: desk.categories });
  }
  const now = new Date().toISOString();
  for (const z of zones) await store.zones.put(z, 'soak', now);
  const ingestKey = await (await offlineAccounts(store, { secret })).addIngestKey('soak', 'cli');
  return { desks, ackUsers: specs.slice(deskCount), zones, ingestKey };
}

/** Which fleet desks must show each alert, by the shared rule over the seeded zones and preferences. */
export class Eligibility {
  private readonly index: ZoneIndex;
  private readonly users: FilterUser[];

  constructor(zones: Zone[], desks: DeskSpec[]) {
    this.index = new ZoneIndex(zones.filter((z) => z.active));
    this.users = desks.map((d) => ({
      id: d.userId,
      categories: d.categories ?? [...CATEGORIES],
      zoneIds: new Set(activeZoneIdsFor(zones, d.userId, d.unit)),
    }));
  }

  eligibleDesks(hit: Hit): number[] {
    // The zones holding the point, found once; each desk's question is then a set lookup.
    const inside = new Set(this.index.zonesContaining(hit.location.lon, hit.location.lat));
    const lookup: ZoneLookup = {
      containsAny: (_lon, _lat, ids) => [...(ids ?? [])].some((id) => inside.has(id)),
      failuresAmong: (ids) => this.index.failuresAmong(ids),
    };
    return this.users.flatMap((u, i) => (isAlertForUser(hit, u, DEFAULT_POLICY, lookup) ? [i] : []));
  }
}

/** Category weights of the soak's alerts: mostly zoned ones; statewide AMBER and SILVER rare (each reaches every desk). */
export const CATEGORY_WEIGHTS: [Category, number][] = [
  ['stolen', 38],
  ['felony', 18],
  ['wanted_person', 10],
  ['missing_person', 8],
  ['registration', 9],
  ['protection_order', 6],
  ['other', 7],
  ['amber', 2],
  ['silver', 2],
];
