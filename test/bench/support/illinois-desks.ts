/**
 * The benchmark's agency: Illinois' 102 county outlines (us-atlas) as zones, each assigned to one
 * of 20 districts (units); desk i is a trooper of district i % 20, so every desk has about five
 * real-shaped zones. Seeded straight into a hub data directory before the hub starts: users share
 * one password hash and get access tokens minted with the hub's own signing key, because 2,000
 * scrypt sign-ins would take longer than the benchmark (what is measured is delivery, not login).
 */
import { randomUUID } from 'node:crypto';
import { AccessTokens } from '../../../src/backend/auth/access-tokens.js';
import { type KeySource, loadHubKeys } from '../../../src/backend/auth/hub-keys.js';
import { offlineAccounts } from '../../../src/backend/auth/offline-accounts.js';
import { hashPassword } from '../../../src/backend/auth/password.js';
import { type Clock, systemClock } from '../../../src/backend/clock.js';
import type { HubStore } from '../../../src/backend/store/port.js';
import { openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import { ZoneIndex } from '../../../src/shared/geo/zone-index.js';
import type { Hit, Zone } from '../../../src/shared/protocol/index.js';
import { loadCounties, ringsOf, seededRandom } from '../us-county-zones.js';
import type { DeskSpec } from './fleet-protocol.js';

export const DISTRICTS = 20;
export const PASSWORD = 'bench-Correct-Horse-42';

export interface Agency {
  desks: DeskSpec[];
  ingestKey: string;
  zones: Zone[];
}

export function illinoisZones(): Zone[] {
  return loadCounties()
    .filter((c) => c.id.startsWith('17'))
    .map((c, i) => ({
      id: `il-${c.id}`,
      name: `County ${c.id}`,
      geometry: c.geometry as Zone['geometry'],
      assignees: { users: [], units: [`District ${(i % DISTRICTS) + 1}`] },
      active: true,
    }));
}

/** Writes users, zones and an ingest key into `dataDir` (a fresh SQLite store). */
export async function seedAgency(dataDir: string, deskCount: number): Promise<Agency> {
  const store = openSqliteStore(dataDir);
  try {
    const zones = illinoisZones();
    const now = new Date().toISOString();
    for (const z of zones) await store.zones.put(z, 'bench', now);
    // The hub's own key (hub.key in the data folder), so the hub accepts the minted tokens.
    const desks = await seedDesks(store, { dataDir }, Array.from({ length: deskCount }, (_, i) => ({ unit: `District ${(i % DISTRICTS) + 1}` })));
    const ingestKey = await (await offlineAccounts(store, { dataDir })).addIngestKey('bench', 'bench');
    return { desks, ingestKey, zones };
  } finally {
    await store.close();
  }
}

/**
 * Writes one trooper per entry of `shapes` (desk i is `trooper<i>` of `shapes[i].unit`) into `store`, each
 * with a session and an access token signed with the hub key of `keys` (a data folder's hub.key, or the
 * secret every node of a cluster shares). `tokenClock` mints tokens as of another time: the soak mints them
 * as of its planned end so they outlive a run longer than a token's 15 minutes (refresh is not under test).
 */
export async function seedDesks(store: HubStore, keys: KeySource, shapes: readonly { unit: string }[], tokenClock: Clock = systemClock): Promise<DeskSpec[]> {
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(PASSWORD);
  const tokens = new AccessTokens((await loadHubKeys(keys, store.secrets)).signing, tokenClock);
  const desks: DeskSpec[] = [];
  for (const [i, { unit }] of shapes.entries()) {
    const userId = `u-bench-${i}`;
    const username = `trooper${i}`;
    await store.users.add({
      id: userId, username, displayName: `Trooper ${i}`, roles: ['trooper'], unit, passwordHash, totpSecret: null,
      leadsCertifiedUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(), trainingCompletedAt: now, createdAt: now,
    });
    const sessionId = randomUUID();
    // Tokens are good only for a session the store knows (the allow-list).
    await store.sessions.start({ id: sessionId, userId, createdAt: now });
    const token = await tokens.issue({ userId, username, roles: ['trooper'], sessionId });
    desks.push({ index: i, userId, username, unit, clientId: `desk-${i}-${randomUUID()}`, token, password: PASSWORD });
  }
  return desks;
}

/** Makes hits: AMBER (statewide, for every desk) or stolen at a point inside a random county. */
export class HitMaker {
  private readonly index: ZoneIndex;
  private readonly random: () => number;
  private readonly deskUnit: string[];
  private serial = 0;

  constructor(
    private readonly zones: Zone[],
    desks: DeskSpec[],
    seed: number,
    private readonly prefix: string,
  ) {
    this.index = new ZoneIndex(zones);
    this.random = seededRandom(seed);
    this.deskUnit = desks.map((d) => d.unit);
  }

  /** A hit and the desks it is meant for (null = every desk). */
  next(kind: 'statewide' | 'zoned'): { hit: Hit; desks: number[] | null } {
    const n = ++this.serial;
    const plate = `B${String(n).padStart(6, '0')}`;
    const base = {
      id: `${this.prefix}-${n}`,
      plate,
      plateState: 'IL',
      readAt: new Date().toISOString(),
      camera: { id: 'isp-i55-0101', name: 'I-55 SB @ MP 101', type: 'stationary', network: 'isp' },
      confidence: 0.94,
      vehicle: { make: 'Toyota', model: 'Camry', color: 'Silver' },
    } as const;
    if (kind === 'statewide') {
      const hit: Hit = { ...base, location: { lat: 41.8781, lon: -87.6298 }, category: 'amber',
        hotlist: { source: 'NCIC', plate, state: 'IL', reason: 'AMBER alert: abducted child', entryId: `A${n}` } };
      return { hit, desks: null };
    }
    const { lon, lat } = this.pointInCounty();
    const units = new Set(this.index.zonesContaining(lon, lat).map((id) => this.zones.find((z) => z.id === id)!.assignees.units[0]));
    const hit: Hit = { ...base, location: { lat, lon }, category: 'stolen',
      hotlist: { source: 'NCIC', plate, state: 'IL', reason: 'Stolen vehicle', entryId: `V${n}` } };
    return { hit, desks: this.deskUnit.flatMap((u, i) => (units.has(u) ? [i] : [])) };
  }

  private pointInCounty(): { lon: number; lat: number } {
    const zone = this.zones[Math.floor(this.random() * this.zones.length)]!;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of ringsOf(zone.geometry as Parameters<typeof ringsOf>[0])) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x!); maxX = Math.max(maxX, x!); minY = Math.min(minY, y!); maxY = Math.max(maxY, y!);
      }
    }
    for (;;) {
      const lon = minX + this.random() * (maxX - minX);
      const lat = minY + this.random() * (maxY - minY);
      if (this.index.containsAny(lon, lat, [zone.id])) return { lon, lat };
    }
  }
}
