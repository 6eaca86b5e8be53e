import { describe, expect, it } from 'vitest';
import { alertQueue } from '../../../src/renderer/model/queue.js';
import { myProgress, takenBy } from '../../../src/renderer/model/progress.js';
import { view } from './fixtures.js';

const T0 = '2026-11-28T03:00:00.000Z';
const T1 = '2026-11-28T03:01:00.000Z';

describe('alertQueue', () => {
  it('puts AMBER/SILVER first, then felony, stolen, the rest; oldest first within a priority', () => {
    const stolen = view('stolen', T0);
    const other = view('other', T0);
    const amberLate = view('amber', T1);
    const silverEarly = view('silver', T0);
    const felony = view('felony', T1);
    const q = alertQueue([other, stolen, amberLate, felony, silverEarly], 'u-me');
    expect(q.map((v) => v.alert.hit.category)).toEqual(['silver', 'amber', 'felony', 'stolen', 'other']);
  });

  it('drops nothing until this user closes it or records an action', () => {
    const acked = view('stolen', T0, { trail: [{ type: 'acknowledged' }] });
    const closedByOther = view('stolen', T0, { trail: [{ type: 'closed', userId: 'u-other', close: { reason: 'misread' } }] });
    const closed = view('stolen', T0, { trail: [{ type: 'acknowledged' }, { type: 'closed', close: { reason: 'misread' } }] });
    const acted = view('felony', T0, { trail: [{ type: 'action_taken', action: { kind: 'stop', caseNumber: '1' } }] });
    expect(alertQueue([acked, closedByOther, closed, acted], 'u-me').map((v) => v.alert.id)).toEqual([acked.alert.id, closedByOther.alert.id]);
  });
});

describe('myProgress', () => {
  it('counts a pending acknowledgement, reports refusals apart, and only the hub confirms a verification', () => {
    const v = view('stolen', T0, {
      pending: [
        { eventId: 'e1', alertId: 'x', type: 'acknowledged', at: T0, attempts: 1 },
        { eventId: 'e2', alertId: 'x', type: 'action_taken', at: T0, attempts: 1, refused: { code: 'verification_required', message: 'Verify first' } },
      ],
    });
    const p = myProgress(v, 'u-me');
    expect(p.acknowledged).toBe(true);
    expect(p.verified).toBe(false);
    expect(p.pending).toEqual(['acknowledged']);
    expect(p.refused.map((r) => r.refused?.code)).toEqual(['verification_required']);
  });

  it('takes a trail_closed refusal as closed, so the alert leaves the queue', () => {
    const v = view('stolen', T0, {
      trail: [{ type: 'acknowledged' }],
      pending: [{ eventId: 'e3', alertId: 'x', type: 'verified', at: T0, attempts: 1, refused: { code: 'trail_closed', message: 'closed' } }],
    });
    expect(myProgress(v, 'u-me').closed).toBe(true);
    expect(alertQueue([v], 'u-me')).toEqual([]);
  });

  it('keeps the latest verification of this user', () => {
    const v = view('stolen', T0, {
      trail: [
        { type: 'acknowledged' },
        { type: 'verified', verification: { system: 'LEADS', result: 'confirmed', plateMatchesImage: true, stateMatches: true } },
        { type: 'verified', verification: { system: 'NCIC', result: 'not_confirmed', plateMatchesImage: true, stateMatches: true } },
        { type: 'verified', userId: 'u-other', verification: { system: 'NCIC', result: 'confirmed', plateMatchesImage: true, stateMatches: true } },
      ],
    });
    expect(myProgress(v, 'u-me').verification?.result).toBe('not_confirmed');
  });
});

describe('takenBy', () => {
  it('lists other users who acknowledged, once each', () => {
    const v = view('stolen', T0, {
      trail: [
        { type: 'acknowledged', userId: 'u-2', username: 'ortega', clientId: 'desk-9' },
        { type: 'acknowledged', userId: 'u-me' },
        { type: 'verified', userId: 'u-2', username: 'ortega', verification: { system: 'LEADS', result: 'unable', plateMatchesImage: false, stateMatches: false } },
      ],
    });
    expect(takenBy(v, 'u-me')).toEqual([{ username: 'ortega', desk: 'desk-9', at: v.trail[0]?.serverAt, latest: 'verified: unable' }]);
  });

  it('does not show a generated desk id to the trooper', () => {
    const v = view('stolen', T0, { trail: [{ type: 'acknowledged', userId: 'u-2', username: 'ortega', clientId: '4cf74da0-4316-4417-a602-1a82533a28d3' }] });
    expect(takenBy(v, 'u-me')[0]?.desk).toBeUndefined();
  });
});
