import { describe, expect, it } from 'vitest';
import type { AlertView, LockedAlertView } from '../../../src/shared/ipc.js';
import { replaceAlert, trimAlerts, upsertAlert, type AlertLists } from '../../../src/renderer/model/alertList.js';

const T0 = '2026-11-28T03:00:00.000Z';
const view = (id: string, seq: number, trail = 0): AlertView =>
  ({ seq, alert: { id }, receivedAt: T0, trail: Array.from({ length: trail }, () => ({})), pending: [] }) as unknown as AlertView;
const lockedView = (seq: number): LockedAlertView => ({ seq, category: 'stolen', receivedAt: T0 });
const ids = (l: AlertLists | undefined) => l?.alerts.map((a) => `${a.alert.id}:${a.trail.length}`);

describe('the renderer alert lists', () => {
  const two: AlertLists = { alerts: [view('b', 2), view('a', 1)], locked: [], older: null };

  it('puts a new alert on top and an alert it has in place', () => {
    expect(ids(upsertAlert(two, view('c', 3)))).toEqual(['c:0', 'b:0', 'a:0']);
    expect(ids(upsertAlert(two, view('a', 1, 3)))).toEqual(['b:0', 'a:3']);
    expect(ids(two)).toEqual(['b:0', 'a:0']); // never changed in place
  });

  it('refuses a view of the other mode (the console locked or unlocked meanwhile): the caller re-reads', () => {
    expect(upsertAlert(two, lockedView(3))).toBeUndefined();
    expect(upsertAlert({ alerts: [], locked: [lockedView(1)], older: null }, view('a', 1))).toBeUndefined();
    expect(upsertAlert({ alerts: [], locked: [lockedView(1)], older: null }, lockedView(2))?.locked.map((v) => v.seq)).toEqual([2, 1]);
  });

  it('replaces only an alert it lists', () => {
    expect(ids(replaceAlert(two, view('a', 1, 1)))).toEqual(['b:0', 'a:1']);
    expect(replaceAlert(two, view('z', 9, 1))).toBe(two);
  });

  it('cuts to the newest alerts and says where the older ones start', () => {
    expect(trimAlerts(two, 1, 1)).toEqual({ alerts: [view('b', 2)], locked: [], older: 1 });
  });
});
