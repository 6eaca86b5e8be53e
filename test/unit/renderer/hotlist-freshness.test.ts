/** Hot-list freshness in words (issue 11): the console strip's "NCIC 3 h old" and the popup's line. */
import { describe, expect, it } from 'vitest';
import type { HotlistSummary } from '../../../src/shared/protocol/read.js';
import { freshnessLine, hitListAge } from '../../../src/renderer/hotlists/freshness.js';
import { age } from '../../../src/renderer/model/time.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const hoursAgo = (h: number): string => new Date(NOW - h * 3_600_000).toISOString();
const list = (id: string, source: HotlistSummary['source'], hours: number, stale: boolean, name = `${source} file`): HotlistSummary => ({
  id, name, source, domain: 'general', entries: 10, downloadedAt: hoursAgo(hours), stale,
});

describe('age', () => {
  it('counts minutes, then hours up to two days, then days; never negative', () => {
    expect(age(hoursAgo(0), NOW)).toBe('0 min');
    expect(age(new Date(NOW - 59 * 60_000).toISOString(), NOW)).toBe('59 min');
    expect(age(hoursAgo(1), NOW)).toBe('1 h');
    expect(age(hoursAgo(47.9), NOW)).toBe('47 h');
    expect(age(hoursAgo(72), NOW)).toBe('3 days');
    expect(age(hoursAgo(-2), NOW)).toBe('0 min'); // a downloader's clock ahead of the desk's
  });
});

describe('freshnessLine', () => {
  it('says each list by source with its age, and "stale" in words, sorted by source', () => {
    const line = freshnessLine([list('leads', 'LEADS', 26, true), list('ncic', 'NCIC', 3, false)], NOW);
    expect(line.map((l) => l.text)).toEqual(['LEADS 26 h old, stale', 'NCIC 3 h old']);
    expect(line.map((l) => l.stale)).toEqual([true, false]);
  });

  it('names lists that share a source by their names', () => {
    const line = freshnessLine([list('ncic-a', 'NCIC', 2, false, 'NCIC vehicles'), list('ncic-b', 'NCIC', 5, false, 'NCIC plates')], NOW);
    expect(line.map((l) => l.text)).toEqual(['NCIC plates 5 h old', 'NCIC vehicles 2 h old']);
  });

  it('is empty when the hub has no lists', () => {
    expect(freshnessLine([], NOW)).toEqual([]);
  });
});

describe('hitListAge', () => {
  const lists = [list('ncic', 'NCIC', 3, false), list('leads', 'LEADS', 26, true)];

  it('gives the age of the list the hit came from', () => {
    expect(hitListAge('NCIC', lists, NOW)).toEqual({ text: 'NCIC list 3 h old', stale: false });
  });

  it('says a stale list is stale and what that means for the stop', () => {
    const a = hitListAge('LEADS', lists, NOW);
    expect(a?.stale).toBe(true);
    expect(a?.text).toMatch(/^LEADS list 26 h old: STALE/);
    expect(a?.text).toContain('verify before acting');
  });

  it('takes the oldest of several lists of one source, stale if any is', () => {
    const two = [list('a', 'SOS', 2, false), list('b', 'SOS', 30, true)];
    expect(hitListAge('SOS', two, NOW)?.text).toMatch(/^SOS list 30 h old: STALE/);
  });

  it('says nothing for local entries or a source the hub has no list of', () => {
    expect(hitListAge('LOCAL', lists, NOW)).toBeUndefined();
    expect(hitListAge('DOT', lists, NOW)).toBeUndefined();
  });
});
