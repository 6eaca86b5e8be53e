import { describe, expect, it } from 'vitest';
import type { AccountUser } from '../../../src/shared/protocol/index.js';
import { certification, dateInput, filterUsers, isoFromDateInput, NO_FILTER, trainingDueAt, unitsOf } from '../../../src/renderer/admin/model/users.js';
import { policyChanges } from '../../../src/renderer/admin/model/policy.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const DAY = 86_400_000;

function user(patch: Partial<AccountUser>): AccountUser {
  return {
    id: patch.username ?? 'u',
    username: 'u',
    displayName: 'U',
    roles: ['trooper'],
    unit: 'Troop 3',
    disabled: false,
    locked: false,
    mfa: true,
    domain: 'general',
    leadsCertifiedUntil: new Date(NOW + 400 * DAY).toISOString(),
    trainedAt: new Date(NOW - 100 * DAY).toISOString(),
    lastLoginAt: null,
    ...patch,
  };
}

describe('certification', () => {
  it('takes the earlier of the LEADS end and the training renewal (two years), warning 60 days ahead', () => {
    expect(trainingDueAt('2025-03-01T00:00:00.000Z')).toBe('2027-03-01T00:00:00.000Z');
    expect(certification(user({}), NOW)).toMatchObject({ state: 'ok', what: 'LEADS certification' });
    expect(certification(user({ leadsCertifiedUntil: new Date(NOW + 60 * DAY).toISOString() }), NOW)).toMatchObject({ state: 'lapsing', days: 60 });
    expect(certification(user({ leadsCertifiedUntil: new Date(NOW + 61 * DAY).toISOString() }), NOW).state).toBe('ok');
    expect(certification(user({ trainedAt: new Date(NOW - 800 * DAY).toISOString() }), NOW)).toMatchObject({ state: 'lapsed', what: 'ALPR training' });
    expect(certification(user({ leadsCertifiedUntil: null, trainedAt: null }), NOW).state).toBe('unknown');
  });
});

describe('filterUsers', () => {
  const users = [
    user({ username: 'kowalski', displayName: 'Tpr. Dana Kowalski' }),
    user({ username: 'ortega', displayName: 'Tpr. Luis Ortega', disabled: true, unit: 'Troop 5' }),
    user({ username: 'admin1', displayName: 'Admin One', roles: ['admin'], unit: null, mfa: false }),
    user({ username: 'lapsing', displayName: 'Sgt. Lapse', roles: ['supervisor', 'trooper'], locked: true, leadsCertifiedUntil: new Date(NOW + 10 * DAY).toISOString() }),
  ];
  const names = (f: Partial<typeof NO_FILTER>): string[] => filterUsers(users, { ...NO_FILTER, ...f }, NOW).map((u) => u.username);

  it('searches every word in username, display name and unit, sorted by name', () => {
    expect(names({})).toEqual(['admin1', 'lapsing', 'kowalski', 'ortega']);
    expect(names({ search: 'tpr troop 5' })).toEqual(['ortega']);
    expect(names({ search: '  KOWAL ' })).toEqual(['kowalski']);
  });

  it('filters by role, unit and status', () => {
    expect(names({ role: 'trooper' })).toEqual(['lapsing', 'kowalski', 'ortega']);
    expect(names({ unit: 'Troop 5' })).toEqual(['ortega']);
    expect(names({ status: 'disabled' })).toEqual(['ortega']);
    expect(names({ status: 'locked' })).toEqual(['lapsing']);
    expect(names({ status: 'active' })).toEqual(['admin1', 'kowalski']);
    expect(names({ status: 'lapsing' })).toEqual(['lapsing']);
    expect(names({ status: 'no_mfa' })).toEqual(['admin1']);
    expect(unitsOf(users)).toEqual(['Troop 3', 'Troop 5']);
  });
});

describe('date inputs', () => {
  it('turn ISO times into YYYY-MM-DD and back at midnight UTC; nonsense gives nothing', () => {
    expect(dateInput('2027-05-01T00:00:00.000Z')).toBe('2027-05-01');
    expect(dateInput(null)).toBe('');
    expect(isoFromDateInput('2027-05-01')).toBe('2027-05-01T00:00:00.000Z');
    expect(isoFromDateInput('2027-13-45')).toBeUndefined();
    expect(isoFromDateInput('')).toBeUndefined();
  });
});

describe('policyChanges', () => {
  it('lists only the settings a change altered, in words', () => {
    const before = { idleLockMinutes: 30, mfaRequired: false, statewideCategories: ['amber', 'silver'], retentionDaysByNetwork: {} };
    const after = { idleLockMinutes: 15, mfaRequired: true, statewideCategories: ['amber', 'silver'], retentionDaysByNetwork: { flock: 30 } };
    expect(policyChanges(before, after)).toEqual(['Idle lock: 30 minutes → 15 minutes', 'Second factor required: off → on', 'Retention per network: none → Flock 30 days']);
    expect(policyChanges(null, { ocrEquivalence: true })).toEqual(['Lookalike matching: on']);
    expect(policyChanges(before, null)).toEqual([]);
  });

  it("names the street map's archive, not just 'changed'", () => {
    expect(policyChanges({ idleLockMinutes: 30 }, { idleLockMinutes: 30, baseMap: { pmtiles: '/srv/maps/il.pmtiles' } })).toEqual(['Street map: not set → /srv/maps/il.pmtiles']);
    expect(policyChanges({ baseMap: { pmtiles: '/srv/maps/il.pmtiles' } }, {})).toEqual(['Street map: /srv/maps/il.pmtiles → not set']);
  });

  it('names the desk update server by its URL', () => {
    expect(policyChanges({}, { updateFeedUrl: 'https://updates.isp.example.gov/opentas/' })).toEqual([
      'Desk update server: not set → https://updates.isp.example.gov/opentas/',
    ]);
  });
});
