import { describe, expect, it } from 'vitest';
import { ClientFilter } from '../../../src/main/services/client-filter.js';
import type { Zone } from '../../../src/shared/protocol/index.js';
import { makeHit } from '../../support/hits.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

const user = { id: 'u-1', username: 'trooper1', displayName: 'T', roles: ['trooper' as const], unit: 'Troop 3' };
const square: Zone = {
  id: 'chicago',
  name: 'Chicago',
  geometry: { type: 'Polygon', coordinates: [[[-88, 41.5], [-87, 41.5], [-87, 42.5], [-88, 42.5], [-88, 41.5]]] },
  assignees: { users: ['u-1'], units: [] },
  active: true,
};

describe('ClientFilter', () => {
  it('applies the shared rule: zones, statewide categories, preferences, mandatory ones', () => {
    const filter = new ClientFilter(new RecordingLogger());
    filter.setUser(user);
    filter.setZones([square]);
    filter.setCategories(['local']);
    const inside = { lat: 41.9, lon: -87.6 };
    const outside = { lat: 39.8, lon: -89.6 };
    expect(filter.isForUser(makeHit({ category: 'stolen', location: inside }))).toBe(true);
    expect(filter.isForUser(makeHit({ category: 'stolen', location: outside }))).toBe(false);
    expect(filter.isForUser(makeHit({ category: 'amber', location: outside }))).toBe(true);
    expect(filter.isForUser(makeHit({ category: 'local', location: inside }))).toBe(true);
    expect(filter.isForUser(makeHit({ category: 'other', location: inside }))).toBe(false);
  });

  it('shows a mandatory alert when a zone cannot be evaluated, and logs the zone', () => {
    const logger = new RecordingLogger();
    const filter = new ClientFilter(logger);
    filter.setUser(user);
    const broken = { ...square, geometry: { type: 'Polygon', coordinates: [[[-88, 41.5], [-87, 41.5]]] } } as Zone;
    filter.setZones([broken]);
    expect(filter.isForUser(makeHit({ category: 'felony', location: { lat: 39.8, lon: -89.6 } }))).toBe(true);
    expect(logger.has('error', /zone could not be evaluated/)).toBe(true);
  });

  it('follows zones that changed, and keeps its index for the same zones sent again (every hello)', () => {
    const filter = new ClientFilter(new RecordingLogger());
    filter.setUser(user);
    filter.setZones([square]);
    const springfield = { lat: 39.8, lon: -89.6 };
    expect(filter.isForUser(makeHit({ category: 'stolen', location: springfield }))).toBe(false);
    // The same zones again, a new copy of them (a reconnect's hello): nothing changes.
    filter.setZones(structuredClone([square]));
    expect(filter.isForUser(makeHit({ category: 'stolen', location: springfield }))).toBe(false);
    // Same id and name, moved south over Springfield: the filter follows the new outline.
    const moved: Zone = { ...square, geometry: { type: 'Polygon', coordinates: [[[-90, 39.5], [-89, 39.5], [-89, 40.5], [-90, 40.5], [-90, 39.5]]] } };
    filter.setZones([moved]);
    expect(filter.isForUser(makeHit({ category: 'stolen', location: springfield }))).toBe(true);
    expect(filter.isForUser(makeHit({ category: 'stolen', location: { lat: 41.9, lon: -87.6 } }))).toBe(false);
    expect(filter.currentZones()).toEqual([moved]);
  });
});
