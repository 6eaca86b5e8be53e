import { describe, expect, it } from 'vitest';
import {
  activeZoneIdsFor,
  type FilterHit,
  type FilterUser,
  type FilterPolicy,
  isAlertForUser,
  receivesCategory,
} from '../../../src/shared/filter.js';
import { ZoneIndex } from '../../../src/shared/geo/zone-index.js';
import type { Category } from '../../../src/shared/protocol/index.js';
import { DEFAULT_POLICY } from '../../../src/shared/protocol/index.js';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
// Two zones near Chicago and Springfield, and one broken zone.
const index = new ZoneIndex([
  { id: 'chicago', geometry: rect(-88, 41.6, -87.5, 42.1) },
  { id: 'springfield', geometry: rect(-89.8, 39.6, -89.5, 39.9) },
  {
    id: 'broken',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      ],
    },
  },
]);
const CHICAGO = { lat: 41.8781, lon: -87.6298 };
const PEORIA = { lat: 40.6936, lon: -89.589 };
const ON_BORDER = { lat: 41.6, lon: -87.8 };

const policy: FilterPolicy = {
  mandatoryCategories: [...DEFAULT_POLICY.mandatoryCategories],
  statewideCategories: ['amber', 'silver'],
};
const hit = (category: Category, location = CHICAGO): FilterHit => ({ id: 'h-1', category, location });
const user = (zoneIds: string[] | Set<string>, categories: Category[] = []) => ({ zoneIds, categories });

function run(h: FilterHit, u: FilterUser, p: FilterPolicy = policy, idx: ZoneIndex = index) {
  const errors: { zoneId: string; message: string; hitId: string }[] = [];
  const result = isAlertForUser(h, u, p, idx, (e) => errors.push(e));
  return { result, errors };
}

describe('isAlertForUser: categories', () => {
  it('a mandatory category is received even if the preferences leave it out', () => {
    expect(run(hit('stolen'), user(['chicago'], [])).result).toBe(true);
    expect(run(hit('felony'), user(['chicago'], ['other'])).result).toBe(true);
  });

  it('a non-mandatory category is received only when chosen', () => {
    expect(run(hit('wanted_person'), user(['chicago'], [])).result).toBe(false);
    expect(run(hit('wanted_person'), user(['chicago'], ['wanted_person'])).result).toBe(true);
  });

  it("the policy's extra mandatory categories are received whatever the preferences", () => {
    const strict = {
      ...policy,
      mandatoryCategories: [...policy.mandatoryCategories, 'missing_person' as const],
    };
    expect(run(hit('missing_person'), user(['chicago'], []), strict).result).toBe(true);
    expect(receivesCategory('missing_person', { categories: [] }, strict)).toBe(true);
    expect(receivesCategory('missing_person', { categories: [] }, policy)).toBe(false);
  });

  it('an unwanted category is refused before any zone is looked at (no zone error reported)', () => {
    const r = run(hit('other'), user(['broken'], []));
    expect(r).toEqual({ result: false, errors: [] });
  });

  it('mandatory categories listed in a policy file without the built-in ones still count', () => {
    // A hostile or stale policy that drops "stolen": MANDATORY_CATEGORIES still apply.
    const weakened = { ...policy, mandatoryCategories: [] as Category[] };
    expect(run(hit('stolen'), user(['chicago'], []), weakened).result).toBe(true);
  });
});

describe('isAlertForUser: zones', () => {
  it('a statewide category reaches a user whatever their zones', () => {
    expect(run(hit('amber', PEORIA), user(['chicago'])).result).toBe(true);
    expect(run(hit('silver', PEORIA), user(['chicago'])).result).toBe(true);
  });

  it('a category made statewide by the policy does too (only if received)', () => {
    const p = { ...policy, statewideCategories: ['registration' as const] };
    expect(run(hit('registration', PEORIA), user(['chicago'], ['registration']), p).result).toBe(true);
    expect(run(hit('registration', PEORIA), user(['chicago'], []), p).result).toBe(false);
    expect(run(hit('amber', PEORIA), user(['chicago']), p).result).toBe(false); // amber no longer statewide
  });

  it('a user with no active zones receives from everywhere', () => {
    expect(run(hit('stolen', PEORIA), user([])).result).toBe(true);
    expect(run(hit('stolen', PEORIA), user(new Set())).result).toBe(true);
  });

  it('inside one of the user zones: yes; outside all: no', () => {
    expect(run(hit('stolen', CHICAGO), user(['springfield', 'chicago'])).result).toBe(true);
    expect(run(hit('stolen', PEORIA), user(['springfield', 'chicago']))).toEqual({
      result: false,
      errors: [],
    });
    expect(run(hit('stolen', CHICAGO), user(new Set(['springfield'])))).toEqual({
      result: false,
      errors: [],
    });
  });

  it('on the border of a user zone counts as inside', () => {
    expect(run(hit('stolen', ON_BORDER), user(['chicago'])).result).toBe(true);
    expect(run(hit('stolen', { lat: 42.1, lon: -87.5 }), user(['chicago'])).result).toBe(true);
  });

  it("another user's zone containing the point does not count", () => {
    expect(run(hit('felony', CHICAGO), user(['springfield'])).result).toBe(false);
  });
});

describe('isAlertForUser: the owner of a LOCAL entry (1.1)', () => {
  const local = (ownerId: string): FilterHit => ({ ...hit('local', PEORIA), hotlist: { owner: { userId: ownerId, username: 'trooper1' } } });

  it('the owner receives its hits outside their zones and whatever their preferences', () => {
    expect(run(local('u-1'), { ...user(['springfield'], []), id: 'u-1' }).result).toBe(true);
  });

  it('anyone else only as any hit: by preference and zone', () => {
    expect(run(local('u-1'), { ...user(['springfield'], ['local']), id: 'u-2' }).result).toBe(false);
    expect(run(local('u-1'), { ...user([], ['local']), id: 'u-2' }).result).toBe(true);
    expect(run(local('u-1'), user(['springfield'], ['local'])).result).toBe(false);
  });
});

describe('isAlertForUser: zones that fail to evaluate', () => {
  it('a broken zone lets a mandatory hit through (fail-open) and is reported', () => {
    const r = run(hit('stolen', PEORIA), user(['broken']));
    expect(r.result).toBe(true);
    expect(r.errors).toEqual([
      { zoneId: 'broken', hitId: 'h-1', message: expect.stringMatching(/fewer than 4/) },
    ]);
  });

  it('a zone unknown to the index does too', () => {
    const r = run(hit('felony', PEORIA), user(['not-received-yet', 'springfield']));
    expect(r.result).toBe(true);
    expect(r.errors.map((e) => e.zoneId)).toEqual(['not-received-yet']);
  });

  it('a broken zone does not let a non-mandatory hit through, but is still reported', () => {
    const r = run(hit('wanted_person', PEORIA), user(['broken'], ['wanted_person']));
    expect(r.result).toBe(false);
    expect(r.errors.map((e) => e.zoneId)).toEqual(['broken']);
  });

  it('no report when a healthy zone already matched', () => {
    expect(run(hit('stolen', CHICAGO), user(['broken', 'chicago']))).toEqual({ result: true, errors: [] });
  });

  it('a location the index cannot evaluate fails open for mandatory, closed otherwise, and reports every zone', () => {
    const bad = { lat: Number.NaN, lon: -87 };
    const m = run(hit('stolen', bad), user(['chicago', 'springfield']));
    expect(m.result).toBe(true);
    expect(m.errors.map((e) => e.zoneId)).toEqual(['chicago', 'springfield']);
    expect(m.errors[0]?.message).toMatch(/zone evaluation failed/);
    expect(run(hit('local', bad), user(['chicago'], ['local'])).result).toBe(false);
  });

  it('works without a listener', () => {
    expect(isAlertForUser(hit('stolen', PEORIA), user(['broken']), policy, index)).toBe(true);
  });
});

describe('activeZoneIdsFor', () => {
  const zones = [
    { id: 'a', active: true, assignees: { users: ['u-1'], units: [] } },
    { id: 'b', active: true, assignees: { users: [], units: ['Troop 3'] } },
    { id: 'c', active: false, assignees: { users: ['u-1'], units: ['Troop 3'] } },
    { id: 'd', active: true, assignees: { users: ['u-2'], units: ['Troop 5'] } },
  ];

  it('takes active zones assigned to the user or their unit', () => {
    expect(activeZoneIdsFor(zones, 'u-1', 'Troop 3')).toEqual(['a', 'b']);
    expect(activeZoneIdsFor(zones, 'u-1', null)).toEqual(['a']);
    expect(activeZoneIdsFor(zones, 'u-9', undefined)).toEqual([]);
  });
});

describe('isAlertForUser: data domains (docs/protocol.md 1.1)', () => {
  const carrierHit = (category: Category, location = CHICAGO): FilterHit => ({ ...hit(category, location), domain: 'motor_carrier' });
  const carrier = (categories: Category[] = []): FilterUser => ({ ...user([], categories), domain: 'motor_carrier' });

  it('a motor-carrier hit never reaches a general user, mandatory and statewide categories included', () => {
    expect(run(carrierHit('stolen'), user([])).result).toBe(false);
    expect(run(carrierHit('amber'), user([])).result).toBe(false);
    expect(run(carrierHit('amber'), { ...user([]), domain: 'general' }).result).toBe(false);
  });

  it('a motor-carrier user receives nothing else, not even AMBER or their own local entry of another domain', () => {
    expect(run(hit('amber'), carrier()).result).toBe(false);
    expect(run(hit('stolen'), carrier()).result).toBe(false);
    const owned: FilterHit = { ...hit('felony'), hotlist: { owner: { userId: 'u-cveb', username: 'cveb1' } } };
    expect(run(owned, { ...carrier(), id: 'u-cveb' }).result).toBe(false);
  });

  it('within the motor-carrier domain the usual rules apply', () => {
    expect(run(carrierHit('stolen'), carrier()).result).toBe(true);
    expect(run(carrierHit('wanted_person'), carrier()).result).toBe(false);
    expect(run(carrierHit('wanted_person'), carrier(['wanted_person'])).result).toBe(true);
    expect(run(carrierHit('stolen', PEORIA), { ...carrier(), zoneIds: ['chicago'] }).result).toBe(false);
  });
});
