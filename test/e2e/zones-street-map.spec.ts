/**
 * Issue 8: the Zones workspace draws on the agency's street map when the hub's policy names one
 * (the archive scripts/make-pmtiles-fixture.ts generates), so a dispatcher can follow an
 * expressway: road names render around an open zone, in both looks and at both window sizes,
 * axe clean. Screenshots in test-results/screens/67-zones-street-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { makeStreetMapFixture } from '../../scripts/make-pmtiles-fixture.js';
import type { Zone } from '../../src/shared/protocol/index.js';
import { expect, shot, test } from './fixtures.js';
import { DISPATCHER, dispatcherDesk, openZones, setTheme, signInAt } from './zones-support.js';
import { setAgencyMap } from './accounts-support.js';

// A hub, a host and a map drawn in software WebGL, four times: generous on a shared two-core machine.
test.setTimeout(900_000);
const SLOW = { timeout: 60_000 };

let dir: string;
let archive: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opentas-zones-street-e2e-'));
  archive = makeStreetMapFixture(join(dir, 'illinois-streets.pmtiles')).path;
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Chicago's South Side, where the fixture's I-94, I-55 and Pershing Road run.
const SOUTH_SIDE: Zone = {
  id: 'chicago-south',
  name: 'Chicago South Side',
  geometry: { type: 'Polygon', coordinates: [[[-87.7, 41.78], [-87.58, 41.78], [-87.58, 41.86], [-87.7, 41.86], [-87.7, 41.78]]] },
  assignees: { users: [], units: ['Troop 3'] },
  active: true,
};

test("the Zones workspace draws on the agency's street map, road names shown, both looks and sizes, axe clean", async ({ page, desk }) => {
  await setAgencyMap(desk, archive);
  const host = await dispatcherDesk(desk);
  try {
    const dispatcherId = (await desk.hub.store.users.list()).find((u) => u.username === DISPATCHER.username)?.id ?? 'x';
    await desk.hub.store.zones.put(SOUTH_SIDE, dispatcherId, new Date().toISOString());
    await signInAt(page, host.url, DISPATCHER);
    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      for (const [w, h] of [
        [1920, 1080],
        [1366, 768],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.reload();
        await openZones(page, host.url, '/zones/chicago-south');
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const map = page.getByTestId('zone-map');
        await expect(map).toHaveAttribute('data-street-map', 'on');
        const labels = async (): Promise<string[]> => ((await map.getAttribute('data-road-labels')) ?? '').split('|').filter(Boolean);
        await expect.poll(labels, { message: 'road names drawn under the zone', ...SLOW }).toEqual(expect.arrayContaining(['I-94']));
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        await shot(page, `67-zones-street-${theme}-${w}`);
      }
    }
  } finally {
    await host.close();
  }
});
