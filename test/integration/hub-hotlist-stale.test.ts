/**
 * Stale hot lists are alarmed on the hub (issue 11, docs/metrics.md): `opentas_hotlist_age_seconds`
 * and `opentas_hotlist_stale` per list on a real hub's GET /metrics, on the hub's own clock; and the
 * watch writes one warning line when a list turns stale, not one per check, and again only when a
 * fresh download of it goes stale in turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaleListWatch } from '../../src/backend/matcher/stale-lists.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { sampleValue, scrapeMetrics } from '../support/metrics-scrape.js';

const TOKEN = 'stale-list-test-token-0123456789';
const HOUR = 3_600_000;

describe('stale hot lists on the hub', () => {
  const clock = new HubTestClock('2026-11-30T12:00:00.000Z');
  let t: TestHub;
  const hoursAgo = (h: number): string => new Date(clock.now().getTime() - h * HOUR).toISOString();
  const put = async (id: string, source: string, downloadedAt: string): Promise<void> => {
    const entries = [{ plate: 'ABC123', state: 'IL', category: 'stolen', reason: 'Stolen vehicle' }];
    const res = await t.api('PUT', `/hotlists/${id}`, { token: t.ingestKey, body: { name: `${source} file`, source, downloadedAt, entries } });
    expect(res.status, res.text).toBe(200);
  };

  beforeAll(async () => {
    // The hub's own watch is off (0): the test runs one on the same store and clock, check by check.
    t = await startTestHub({ clock, metrics: { token: TOKEN }, staleListEveryMs: 0 });
    await put('ncic', 'NCIC', hoursAgo(30));
    await put('leads', 'LEADS', hoursAgo(3));
  });
  afterAll(async () => t.close());

  it('reports each list age and whether it is stale (policy default: 24 h)', async () => {
    const samples = await scrapeMetrics(t.url, TOKEN);
    expect(sampleValue(samples, 'opentas_hotlist_age_seconds', { list: 'ncic', source: 'NCIC' })).toBe(30 * 3600);
    expect(sampleValue(samples, 'opentas_hotlist_age_seconds', { list: 'leads', source: 'LEADS' })).toBe(3 * 3600);
    expect(sampleValue(samples, 'opentas_hotlist_stale', { list: 'ncic', source: 'NCIC' })).toBe(1);
    expect(sampleValue(samples, 'opentas_hotlist_stale', { list: 'leads', source: 'LEADS' })).toBe(0);
  });

  it('warns once when a list turns stale, again only after a new download goes stale', async () => {
    const lines: string[] = [];
    const watch = new StaleListWatch(t.hub.store, clock, (line) => lines.push(line));
    expect(await watch.run()).toEqual(['ncic']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[hub\] WARNING: hot list ncic \(NCIC\) is stale: downloaded .*, 30 h ago/);
    expect(await watch.run()).toEqual([]);
    clock.advance(22 * HOUR); // leads: 25 h old
    expect(await watch.run()).toEqual(['leads']);
    expect(await watch.run()).toEqual([]);
    await put('ncic', 'NCIC', hoursAgo(1)); // a fresh download: fresh again, no warning
    expect(await watch.run()).toEqual([]);
    clock.advance(24 * HOUR);
    expect(await watch.run()).toEqual(['ncic']);
    expect(lines).toHaveLength(3);
    const samples = await scrapeMetrics(t.url, TOKEN);
    expect(sampleValue(samples, 'opentas_hotlist_stale', { list: 'ncic', source: 'NCIC' })).toBe(1);
  });
});
