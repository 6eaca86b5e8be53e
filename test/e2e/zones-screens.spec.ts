/**
 * The Zones workspace's screens in both themes at 1920x1080 and 1366x768, checked with axe (no
 * serious or critical violation): the list and map, a zone open with its preview and history, a
 * version shown on the map, and a drawing whose ring crosses itself (the problem marked on the
 * map, save held). Screenshots in test-results/screens/60-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Zone } from '../../src/shared/protocol/index.js';
import { expect, shot, test } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { DISPATCHER, dispatcherDesk, drawRing, openZones, setTheme, signInAt } from './zones-support.js';

test.setTimeout(1_200_000);

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
  expect(report, `axe on ${screen}`).toBe('');
}

const box = (id: string, name: string, w: number, s: number, size: number, active = true): Zone => ({
  id,
  name,
  geometry: { type: 'Polygon', coordinates: [[[w, s], [w + size, s], [w + size, s + size * 0.8], [w, s + size * 0.8], [w, s]]] },
  assignees: { users: [], units: ['Troop 3'] },
  active,
});

test('the Zones workspace in both themes at 1920x1080 and 1366x768, axe clean', async ({ page, desk }) => {
  const host = await dispatcherDesk(desk);
  try {
    const dispatcherId = (await desk.hub.store.users.list()).find((u) => u.username === DISPATCHER.username)?.id ?? 'x';
    const zones = [
      box('troop3-i55', 'Troop 3 - I-55 corridor', -88.3, 41.45, 0.5),
      box('chicago-south', 'Chicago South Side', -87.75, 41.65, 0.2),
      box('joliet', 'Joliet', -88.2, 41.5, 0.15, false),
      box('kankakee', 'Kankakee County north', -88.0, 41.1, 0.3),
      box('rockford', 'Rockford area', -89.2, 42.2, 0.3),
    ];
    for (const z of zones) await desk.hub.store.zones.put(z, dispatcherId, new Date(Date.now() - 3 * 3600_000).toISOString());
    await desk.hub.store.zones.put({ ...zones[0]!, geometry: box('', '', -88.35, 41.4, 0.6).geometry }, dispatcherId, new Date().toISOString());
    for (let i = 0; i < 24; i += 1) {
      const category = (['stolen', 'felony', 'registration', 'amber'] as const)[i % 4]!;
      await desk.hub.ingest(makeHit({ id: `prev-${i}`, category, location: { lat: 41.45 + (i % 6) * 0.08, lon: -88.3 + Math.floor(i / 6) * 0.12 }, camera: { id: `cam-${i % 5}`, name: `I-55 camera ${i % 5}`, type: 'stationary', network: 'isp' } }));
    }

    await signInAt(page, host.url, DISPATCHER);
    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      await page.reload();
      for (const [w, h] of [
        [1920, 1080],
        [1366, 768],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        const tag = `${theme}-${w}`;
        await openZones(page, host.url, '/zones');
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.getByTestId('zone-rows').locator('li')).toHaveCount(5);
        await shot(page, `60-zones-${tag}-list`);
        if (w === 1920) await noSeriousViolations(page, `zones list ${tag}`);

        await page.locator('[data-zone-id="troop3-i55"]').click();
        await expect(page.getByTestId('preview-total')).toContainText('alerts');
        await expect(page.getByTestId('history-list').locator('li')).toHaveCount(2);
        await page.getByTestId('history-list').locator('li').last().getByRole('button', { name: 'Show on map' }).click();
        await shot(page, `61-zones-${tag}-zone-history`);
        if (w === 1920) await noSeriousViolations(page, `zone editor ${tag}`);

        await page.getByRole('button', { name: 'New zone' }).click();
        await page.getByLabel('Name').fill('Crossing test');
        await drawRing(page, [
          [-120, -90],
          [120, 90],
          [120, -90],
          [-120, 90],
        ]);
        await expect(page.getByTestId('shape-problems')).toContainText('crosses itself');
        await expect(page.getByTestId('problem-marker')).toHaveCount(1);
        await expect(page.getByRole('button', { name: 'Create zone' })).toBeDisabled();
        await shot(page, `62-zones-${tag}-problem`);
        if (w === 1920) await noSeriousViolations(page, `zone problem ${tag}`);
        await page.getByRole('button', { name: 'Close' }).click();
      }
    }
  } finally {
    await host.close();
  }
});
