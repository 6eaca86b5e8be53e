/** The Troop view's reading of alerts: takers and their latest step, standing, order, pushed entries. */
import { describe, expect, it } from 'vitest';
import type { TroopAlert } from '../../../src/shared/ipc-troop.js';
import type { AckEntry } from '../../../src/shared/protocol/index.js';
import { duration, openFor, troopRow, troopRows, withEntry } from '../../../src/renderer/troop/troopModel.js';
import { view } from './fixtures.js';

let seq = 100;
function entry(userId: string, type: AckEntry['type'], serverAt: string, extra: Partial<AckEntry> = {}): Partial<AckEntry> {
  return { seq: ++seq, userId, username: userId, type, serverAt, ...extra };
}

function troopAlert(trail: Partial<AckEntry>[] = [], ingestedAt = '2026-11-30T03:00:00.000Z'): TroopAlert {
  const v = view('stolen', ingestedAt, { trail });
  return {
    seq: v.seq,
    alert: v.alert,
    trail: v.trail,
    receipts: [
      { userId: 'u-a', username: 'tpr.a', displayName: 'Tpr. A', unit: 'Troop 3', receivedAt: ingestedAt },
      { userId: 'u-b', username: 'tpr.b', displayName: 'Tpr. B', unit: 'Troop 3', receivedAt: ingestedAt },
    ],
  };
}

describe('troop model', () => {
  it("names each desk's latest step in the order the desks took the alert", () => {
    const row = troopRow(
      troopAlert([
        entry('u-b', 'acknowledged', '2026-11-30T03:01:00.000Z'),
        entry('u-a', 'acknowledged', '2026-11-30T03:02:00.000Z'),
        entry('u-b', 'verified', '2026-11-30T03:03:00.000Z', { verification: { system: 'LEADS', result: 'not_confirmed', plateMatchesImage: true, stateMatches: true } }),
      ]),
    );
    expect(row.takers.map((t) => [t.name, t.step])).toEqual([
      ['Tpr. B', 'not_confirmed'],
      ['Tpr. A', 'acknowledged'],
    ]);
    expect(row.standing).toBe('open');
  });

  it('is closed only once every desk that took it closed it, and counts open time until then', () => {
    const oneClosed = troopRow(troopAlert([entry('u-a', 'acknowledged', '2026-11-30T03:01:00.000Z'), entry('u-b', 'acknowledged', '2026-11-30T03:01:30.000Z'), entry('u-a', 'closed', '2026-11-30T03:05:00.000Z')]));
    expect(oneClosed.standing).toBe('open');
    expect(duration(openFor(oneClosed, Date.parse('2026-11-30T04:30:00.000Z')))).toBe('1 h 30 min');
    const closed = troopRow(troopAlert([entry('u-a', 'acknowledged', '2026-11-30T03:01:00.000Z'), entry('u-a', 'closed', '2026-11-30T03:12:00.000Z')]));
    expect(closed.standing).toBe('closed');
    expect(duration(openFor(closed, Date.parse('2026-11-30T09:00:00.000Z')))).toBe('12 min');
  });

  it('puts open alerts nobody acknowledged first (longest waiting first), then open, then closed', () => {
    const closed = troopAlert([entry('u-a', 'acknowledged', '2026-11-30T03:01:00.000Z'), entry('u-a', 'closed', '2026-11-30T03:02:00.000Z')]);
    const older = troopAlert();
    const open = troopAlert([entry('u-a', 'acknowledged', '2026-11-30T03:01:00.000Z')]);
    const newer = troopAlert();
    expect(troopRows([closed, older, open, newer]).map((r) => [r.item.alert.id, r.standing])).toEqual([
      [older.alert.id, 'unacknowledged'],
      [newer.alert.id, 'unacknowledged'],
      [open.alert.id, 'open'],
      [closed.alert.id, 'closed'],
    ]);
  });

  it('merges a pushed entry once, and says when the alert is not listed', () => {
    const a = troopAlert();
    const pushed = { ...troopAlert([entry('u-a', 'acknowledged', '2026-11-30T03:01:00.000Z')]).trail[0]!, alertId: a.alert.id };
    const once = withEntry([a], { alertId: a.alert.id, entry: pushed });
    expect(once.known).toBe(true);
    expect(troopRow(once.items[0]!).standing).toBe('open');
    expect(withEntry(once.items, { alertId: a.alert.id, entry: pushed }).items[0]!.trail).toHaveLength(1);
    expect(withEntry([a], { alertId: 'elsewhere', entry: pushed }).known).toBe(false);
  });
});
