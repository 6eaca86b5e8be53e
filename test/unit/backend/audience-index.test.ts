// The index of recipients the stream asks about a new alert: it may name too many, never too few.
import { afterEach, describe, expect, it } from 'vitest';
import { Audience, type Recipient } from '../../../src/backend/alerts/audience.js';
import { AudienceIndex } from '../../../src/backend/alerts/audience-index.js';
import { generateHit, seededRandom } from '../../../src/backend/simulator/hit-generator.js';
import { openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import type { HubStore } from '../../../src/backend/store/port.js';
import { CATEGORIES, DEFAULT_STATEWIDE_CATEGORIES, type Category, type Hit, type Zone } from '../../../src/shared/protocol/index.js';

let store: HubStore | undefined;
afterEach(async () => store?.close());

const NOW = '2026-12-01T12:00:00.000Z';
const UNITS = ['Troop 1', 'Troop 2', 'Troop 3', 'Troop 4', 'Troop 5'];

const square = (id: string, lon: number, lat: number, size: number, assignees: Zone['assignees'], active = true): Zone => ({
  id,
  name: `Zone ${id}`,
  geometry: {
    type: 'Polygon',
    coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
  },
  assignees,
  active,
});

/** A hit of `category` at (lon, lat), in `domain`, matched on a local entry of `owner` when given. */
function hitAt(serial: number, category: Category, lon: number, lat: number, domain: Hit['domain'], owner?: string): Hit {
  const base = generateHit(seededRandom(serial), new Date(NOW), serial, false);
  return {
    ...base,
    category,
    location: { lon, lat },
    domain,
    hotlist: { ...base.hotlist, ...(owner ? { owner: { userId: owner, username: owner } } : {}) },
  };
}

describe('AudienceIndex', () => {
  it('names every desk the filter sends an alert to, and far fewer than all for a local alert', async () => {
    store = openSqliteStore(undefined);
    const rnd = seededRandom(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    // Thirty zones on a 10 x 10 degree area: assigned to units or users, some inactive, one that cannot be evaluated.
    for (let i = 0; i < 30; i++) {
      const assignees = rnd() < 0.7 ? { users: [], units: [pick(UNITS)] } : { users: [`u-${Math.floor(rnd() * 40)}`], units: [] };
      await store.zones.put(square(`z-${i}`, rnd() * 9, rnd() * 9, 0.5 + rnd() * 2, assignees, rnd() > 0.15), 'test', NOW);
    }
    const broken = square('z-broken', 2, 2, 1, { users: [], units: ['Troop 5'] });
    (broken.geometry.coordinates[0] as number[][]).pop(); // the ring is no longer closed
    await store.zones.put(broken, 'test', NOW);
    await store.policy.put({ ...(await store.policy.get()), statewideCategories: [...DEFAULT_STATEWIDE_CATEGORIES] });
    // Forty users (a few without a unit, so without zones unless assigned one); some desks share a user.
    const users: Recipient[] = Array.from({ length: 40 }, (_, i) => ({
      userId: `u-${i}`,
      unit: i % 9 === 0 ? null : pick(UNITS),
      domain: i % 13 === 0 ? 'motor_carrier' : 'general',
    }));
    for (const u of users.filter((_, i) => i % 4 === 1)) {
      await store.policy.putPreferences(u.userId, { categories: CATEGORIES.filter(() => rnd() < 0.5) });
    }
    const audience = new Audience(store);
    const index = new AudienceIndex<string>(audience);
    const desks = new Map<string, Recipient>();
    for (let d = 0; d < 60; d++) desks.set(`desk-${d}`, users[d % users.length] as Recipient);
    for (const [desk, recipient] of desks) index.add(desk, recipient);

    // Before the routing state is loaded nothing can be ruled out.
    const first = hitAt(1, 'wanted_person', 3, 3, 'general');
    expect(index.candidates(first)).toBeUndefined();
    // Half the users met by the routing state (their desks' first catch-up asks about them); the others wait.
    for (const u of users.slice(0, 20)) await audience.receives(u, first);
    const waiting = [...desks].filter(([, r]) => Number(r.userId.slice(2)) >= 20).map(([desk]) => desk);
    const early = index.candidates(first);
    expect(early).toBeDefined();
    for (const desk of waiting) expect(early?.has(desk)).toBe(true);

    let pruned = 0;
    for (let n = 0; n < 400; n++) {
      const owner = rnd() < 0.1 ? pick(users).userId : undefined;
      const hit = hitAt(n + 2, pick(CATEGORIES), rnd() * 11 - 0.5, rnd() * 11 - 0.5, rnd() < 0.1 ? 'motor_carrier' : 'general', owner);
      const candidates = index.candidates(hit);
      let receiving = 0;
      for (const [desk, recipient] of desks) {
        if (!(await audience.receives(recipient, hit))) continue;
        receiving++;
        if (candidates) expect(candidates.has(desk), `${desk} receives ${hit.category} at ${hit.location.lon},${hit.location.lat}`).toBe(true);
      }
      if (candidates && candidates.size < desks.size / 2) pruned++;
      expect(receiving).toBeLessThanOrEqual(candidates?.size ?? desks.size);
    }
    // Statewide categories and some hits everyone may get are asked of all; most local alerts are not.
    expect(pruned).toBeGreaterThan(150);
  });

  it('forgets a desk that left and files desks again after a zone change', async () => {
    store = openSqliteStore(undefined);
    await store.zones.put(square('north', 0, 5, 2, { users: [], units: ['Troop 1'] }), 'test', NOW);
    await store.zones.put(square('south', 0, 0, 2, { users: [], units: ['Troop 2'] }), 'test', NOW);
    const audience = new Audience(store);
    const index = new AudienceIndex<string>(audience);
    const north: Recipient = { userId: 'u-north', unit: 'Troop 1', domain: 'general' };
    const south: Recipient = { userId: 'u-south', unit: 'Troop 2', domain: 'general' };
    index.add('desk-north', north);
    index.add('desk-north-2', north);
    index.add('desk-south', south);
    const inSouth = hitAt(1, 'wanted_person', 1, 1, 'general');
    for (const r of [north, south]) await audience.receives(r, inSouth);

    expect([...(index.candidates(inSouth) ?? [])]).toEqual(['desk-south']);
    index.delete('desk-south');
    expect([...(index.candidates(inSouth) ?? [])]).toEqual([]);

    // Troop 1 is given the south as well: its desks are candidates there from the next routing state on.
    await store.zones.put(square('south', 0, 0, 2, { users: [], units: ['Troop 1', 'Troop 2'] }), 'test', NOW);
    audience.invalidate();
    await audience.receives(north, inSouth);
    expect(new Set(index.candidates(inSouth))).toEqual(new Set(['desk-north', 'desk-north-2']));
  });
});
