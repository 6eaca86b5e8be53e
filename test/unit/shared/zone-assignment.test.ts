import { describe, expect, it } from 'vitest';
import { isZoneAssignedTo } from '../../../src/shared/zone-assignment.js';

const zone = (users: string[], units: string[]) => ({ assignees: { users, units } });

describe('isZoneAssignedTo', () => {
  it('matches a user named in the zone', () => {
    expect(isZoneAssignedTo(zone(['u-1'], []), { id: 'u-1', unit: null })).toBe(true);
    expect(isZoneAssignedTo(zone(['u-1'], []), { id: 'u-2', unit: 'Troop 3' })).toBe(false);
  });

  it('matches a user through their unit', () => {
    expect(isZoneAssignedTo(zone([], ['Troop 3']), { id: 'u-9', unit: 'Troop 3' })).toBe(true);
    expect(isZoneAssignedTo(zone([], ['Troop 3']), { id: 'u-9', unit: 'Troop 5' })).toBe(false);
  });

  it('never matches a user with no unit through the units list', () => {
    expect(isZoneAssignedTo(zone([], ['Troop 3']), { id: 'u-9', unit: null })).toBe(false);
    expect(isZoneAssignedTo(zone([], ['Troop 3']), { id: 'u-9' })).toBe(false);
  });

  it('matches nobody on an unassigned zone', () => {
    expect(isZoneAssignedTo(zone([], []), { id: 'u-1', unit: 'Troop 3' })).toBe(false);
  });

  // Whether the zone is active is the caller's question: a user reads their inactive zones too.
  it('ignores whether the zone is active', () => {
    const inactive = { active: false, ...zone(['u-1'], []) };
    expect(isZoneAssignedTo(inactive, { id: 'u-1', unit: null })).toBe(true);
  });
});
