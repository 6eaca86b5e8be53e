/**
 * The fleet's tally of which desk showed which alert: the soak's lost, duplicates and ineligible
 * counts come from it, so a desk the alert was not meant for is counted whenever it shows it:
 * before the expectation arrives, while other desks still have to show it, or after all did.
 */
import { describe, expect, it } from 'vitest';
import { ReceiptTally, type TallyDone } from '../../bench/support/receipt-tally.js';

describe('ReceiptTally', () => {
  const tally = (): { t: ReceiptTally; done: TallyDone[] } => {
    const done: TallyDone[] = [];
    return { t: new ReceiptTally([0, 1, 2], (d) => done.push(d)), done };
  };

  it('completes an alert once every desk it was for showed it, in any order against the expectation', () => {
    const { t, done } = tally();
    t.shownAt(0, 'a', 1);
    t.expect('a', [0, 1]);
    expect(done).toEqual([]);
    t.shownAt(1, 'a', 2);
    expect(done).toEqual([{ alertId: 'a', desks: [0, 1], times: [1, 2] }]);
    expect(t.missing().size).toBe(0);
    expect([t.unexpected, t.duplicatesShown]).toEqual([0, 0]);
  });

  it('counts a desk the alert was not for, before, during and after the others showed it', () => {
    const { t, done } = tally();
    t.shownAt(2, 'a', 1); // before the expectation
    t.expect('a', [0, 1]);
    t.shownAt(2, 'b', 1);
    t.expect('b', [0, 1]);
    t.shownAt(0, 'a', 2);
    t.shownAt(2, 'c', 2);
    t.expect('c', [0]);
    t.expect('d', [0, 1]);
    t.shownAt(2, 'd', 3); // while desks 0 and 1 still have to show it
    t.shownAt(0, 'd', 4);
    t.shownAt(1, 'd', 5);
    t.shownAt(1, 'a', 6);
    t.shownAt(1, 'c', 7); // 'c' still waits for desk 0
    t.shownAt(0, 'c', 8);
    t.shownAt(2, 'c', 9); // desk 2 showed 'c' before: a duplicate
    expect(t.unexpected).toBe(5);
    expect(t.duplicatesShown).toBe(1);
    expect(done.find((d) => d.alertId === 'd')).toEqual({ alertId: 'd', desks: [0, 1], times: [4, 5] });
    expect([...t.missing()]).toEqual([['b', [0, 1]]]);
  });

  it('counts the same alert shown twice by one desk as a duplicate, not as a second receipt', () => {
    const { t, done } = tally();
    t.expect('a', [0, 1]);
    t.shownAt(0, 'a', 1);
    t.shownAt(0, 'a', 2);
    expect(t.duplicatesShown).toBe(1);
    expect(done).toEqual([]);
    expect([...t.missing()]).toEqual([['a', [1]]]);
  });
});
