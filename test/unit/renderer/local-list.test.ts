import { describe, expect, it } from 'vitest';
import { latestExpiry, localHitLine, localInputValue, STATE_CODES, timeLeft } from '../../../src/renderer/local-list/model.js';

const NOW = Date.parse('2026-11-30T19:31:42.500Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('local hot list: the form and the list', () => {
  it('offers as latest expiry the cap less five minutes, on a whole minute', () => {
    const latest = latestExpiry(NOW, 30);
    expect(latest % MIN).toBe(0);
    expect(latest).toBeLessThanOrEqual(NOW + 30 * DAY - 5 * MIN);
    expect(latest).toBeGreaterThan(NOW + 30 * DAY - 6 * MIN);
  });

  it('writes a datetime-local value that reads back as the same minute', () => {
    const latest = latestExpiry(NOW, 2);
    expect(Date.parse(localInputValue(latest))).toBe(latest);
    expect(localInputValue(latest)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('says the time left in days, hours or minutes, soon under a day, and how long ago it expired', () => {
    const at = (ms: number) => new Date(NOW + ms).toISOString();
    expect(timeLeft(at(29 * DAY + 23 * HOUR + 55 * MIN), NOW)).toEqual({ words: '29 d 23 h left', expired: false, soon: false });
    expect(timeLeft(at(5 * HOUR + 59 * MIN + 30_000), NOW)).toEqual({ words: '5 h 59 min left', expired: false, soon: true });
    expect(timeLeft(at(20_000), NOW)).toEqual({ words: '1 min left', expired: false, soon: true });
    expect(timeLeft(at(0), NOW)).toMatchObject({ expired: true });
    expect(timeLeft(at(-2 * DAY - 3 * HOUR), NOW)).toEqual({ words: 'Expired 2 d 3 h ago', expired: true, soon: false });
  });

  it('lists every state once, Illinois first and UNK last', () => {
    expect(new Set(STATE_CODES).size).toBe(STATE_CODES.length);
    expect(STATE_CODES[0]).toBe('IL');
    expect(STATE_CODES.at(-1)).toBe('UNK');
    expect(STATE_CODES).toHaveLength(51 + 5 + 1);
  });

  it('names a LOCAL hit with its owner and case, and says nothing for other lists', () => {
    const hotlist = { source: 'LOCAL' as const, plate: 'LCL4242', state: 'IL', reason: 'Robbery', caseNumber: 'ISP-2026-0042', owner: { userId: 'u-1', username: 'tpr.kowalski' } };
    expect(localHitLine({ hotlist })).toBe('LOCAL entry by tpr.kowalski · case ISP-2026-0042');
    const { owner: _o, caseNumber: _c, ...bare } = hotlist;
    expect(localHitLine({ hotlist: bare })).toBe('LOCAL entry');
    expect(localHitLine({ hotlist: { ...hotlist, source: 'NCIC' } })).toBeUndefined();
  });
});
