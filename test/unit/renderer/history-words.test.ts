import { describe, expect, it } from 'vitest';
import { dayStart, entryLine, standingOf } from '../../../src/renderer/history/trailWords.js';
import { view } from './fixtures.js';

describe('my alert history words', () => {
  const trail = view('stolen', '2026-11-28T03:00:00.000Z', {
    trail: [
      { type: 'acknowledged' },
      { type: 'verified', verification: { system: 'LEADS', result: 'confirmed', queryReference: 'L-7781', plateMatchesImage: true, stateMatches: false } },
      { type: 'action_taken', action: { kind: 'notified_unit', caseNumber: '2026-1', note: 'unit 3A' } },
    ],
  }).trail;

  it('says where I stand: my latest step, or that someone else took it, or nobody', () => {
    expect(standingOf(trail, 'u-me')).toBe('action taken, case 2026-1');
    expect(standingOf(trail.slice(0, 2), 'u-me')).toBe('verified: confirmed');
    expect(standingOf(trail, 'u-other')).toBe('taken by another desk');
    expect(standingOf([], 'u-me')).toBe('never acknowledged');
  });

  it('puts each entry in one line', () => {
    expect(trail.map(entryLine)).toEqual([
      'me acknowledged',
      'me verified in LEADS: confirmed, ref L-7781; plate attested, state NOT attested',
      'me took action: notified unit, case 2026-1 (unit 3A)',
    ]);
  });

  it('reads a typed day as the local instant it starts (or the next one for "to")', () => {
    expect(dayStart('2026-11-30')).toBe(new Date(2026, 10, 30).toISOString());
    expect(dayStart('2026-11-30', true)).toBe(new Date(2026, 11, 1).toISOString());
    expect(dayStart('')).toBeUndefined();
    expect(dayStart('30/11/2026')).toBeUndefined();
  });
});
