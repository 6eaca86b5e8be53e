/** The review screens' pure parts: words for times and steps, the log filter, one alert's timeline. */
import { describe, expect, it } from 'vitest';
import {
  dayEnd,
  dayStart,
  duration,
  monthName,
  percent,
  previousMonth,
  shortHash,
} from '../../../src/renderer/review/format.js';
import { EMPTY_FORM, filterOf } from '../../../src/renderer/review/logFilter.js';
import { clockSkew, timeline } from '../../../src/renderer/review/timeline.js';
import { logQuery, downloadTarget } from '../../../src/main/services/hub-review-api.js';
import type { AlertTrail } from '../../../src/shared/ipc-review.js';
import { view } from './fixtures.js';

describe('review words', () => {
  it('puts durations the way a supervisor compares them', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(44_600)).toBe('45 s');
    expect(duration(185_000)).toBe('3 min 05 s');
    expect(duration(7_800_000)).toBe('2 h 10 min');
    expect(duration(undefined)).toBe('none');
    expect(duration(-1)).toBe('none');
  });

  it('turns a local calendar day into the hub range [start of day, start of next day)', () => {
    const start = dayStart('2026-11-28')!;
    const end = dayEnd('2026-11-28')!;
    expect(new Date(start).getDate()).toBe(28);
    expect(new Date(start).getHours()).toBe(0);
    expect(Date.parse(end) - Date.parse(start)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(new Date(end).getDate()).toBe(29);
    expect(dayStart('28/11/2026')).toBeUndefined();
  });

  it('audits the month before the current one, across a year end', () => {
    expect(previousMonth(new Date(2026, 0, 15).getTime())).toBe('2025-12');
    expect(previousMonth(new Date(2026, 10, 30).getTime())).toBe('2026-10');
    expect(monthName('2026-11')).toBe('November 2026');
  });

  it('shows shares and hashes briefly', () => {
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('-');
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(10)}…${'a'.repeat(6)}`);
  });
});

describe('the log filter', () => {
  it('sends only what is set, the text upper-cased, and drops unusable values', () => {
    expect(filterOf(EMPTY_FORM, 'desc')).toEqual({ order: 'desc' });
    const f = filterOf(
      {
        ...EMPTY_FORM,
        text: ' abc12 ',
        step: 'verified',
        result: 'bogus',
        category: 'stolen',
        unit: 'Troop 3',
        from: '2026-11-01',
        to: 'nonsense',
      },
      'asc',
    );
    expect(f).toMatchObject({
      q: 'ABC12',
      step: 'verified',
      category: 'stolen',
      unit: 'Troop 3',
      order: 'asc',
    });
    expect(f.since).toBeDefined();
    expect(f).not.toHaveProperty('result');
    expect(f).not.toHaveProperty('until');
  });

  it('maps to the hub query and file paths, leaving out the unset', () => {
    expect(logQuery({ q: 'ABC', unit: 'Troop 3', order: 'asc', limit: 500 }).toString()).toBe(
      'q=ABC&unit=Troop+3&order=asc&limit=500',
    );
    expect(downloadTarget({ what: 'log.csv', filter: { order: 'desc' } }).path).toBe('/acks/export.csv');
    expect(downloadTarget({ what: 'monthly.pdf', month: '2026-11', unit: 'Troop 3' })).toEqual({
      path: '/reports/monthly.pdf?month=2026-11&unit=Troop+3',
      filename: 'audit-report-2026-11-Troop-3.pdf',
      mime: 'application/pdf',
    });
  });
});

describe('one alert’s timeline', () => {
  const v = view('stolen', '2026-11-28T03:00:00.000Z', {
    trail: [
      { type: 'acknowledged', serverAt: '2026-11-28T03:01:00.000Z', at: '2026-11-28T03:01:00.500Z' },
      {
        type: 'verified',
        serverAt: '2026-11-28T03:04:00.000Z',
        at: '2026-11-28T02:59:00.000Z',
        verification: {
          system: 'LEADS',
          result: 'not_confirmed',
          plateMatchesImage: false,
          stateMatches: true,
        },
      },
    ],
  });
  const trail: AlertTrail = {
    alert: v.alert,
    seq: 7,
    trail: v.trail,
    receipts: [
      { userId: 'u-2', username: 'ortega', clientId: 'desk-2', receivedAt: '2026-11-28T03:00:00.300Z' },
      { userId: 'u-me', username: 'me', clientId: 'desk-1', receivedAt: '2026-11-28T03:00:00.200Z' },
    ],
    refusals: [
      {
        eventId: 'e-1',
        alertId: v.alert.id,
        userId: 'u-me',
        username: 'me',
        clientId: 'desk-1',
        type: 'action_taken',
        at: '2026-11-28T03:05:00.000Z',
        error: { code: 'verification_required', message: 'verify first' },
      },
    ],
    escalation: { alertId: v.alert.id, escalatedAt: '2026-11-28T03:10:00.200Z', units: ['Troop 3'] },
    exports: [
      {
        at: '2026-11-28T04:00:00.000Z',
        action: 'ack_export',
        username: 'sgt.hale',
        what: 'acknowledgement log (CSV)',
        detail: '2 rows',
      },
    ],
  };

  it('orders everything that happened by hub time, each with who and which desk', () => {
    const m = timeline(trail);
    expect(m.map((x) => x.kind)).toEqual([
      'ingested',
      'delivered',
      'delivered',
      'step',
      'step',
      'refused',
      'escalated',
      'export',
    ]);
    expect(m[1]).toMatchObject({ who: 'me', desk: 'desk-1' });
    expect(m[4]).toMatchObject({ title: 'Verified', deskAt: '2026-11-28T02:59:00.000Z' });
    expect(m[4]!.detail).toContain('NOT confirmed');
    expect(m[4]!.detail).toContain('plate NOT attested');
    expect(m[5]!.detail).toContain('verification_required');
    expect(m[6]!.detail).toContain('Troop 3');
    expect(m[7]).toMatchObject({
      title: 'Exported: acknowledgement log (CSV)',
      who: 'sgt.hale',
      detail: '2 rows',
    });
  });

  it('says when a desk time is far from the hub time, and not for a few hundred ms', () => {
    expect(clockSkew('2026-11-28T03:01:00.500Z', '2026-11-28T03:01:00.000Z')).toBeUndefined();
    expect(clockSkew('2026-11-28T02:59:00.000Z', '2026-11-28T03:04:00.000Z')).toBe('desk time 5 min earlier');
    expect(clockSkew('2026-11-28T03:04:30.000Z', '2026-11-28T03:04:00.000Z')).toBe('desk time 30 s later');
  });
});
