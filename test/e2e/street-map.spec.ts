/**
 * Issue 8 (street map): the agency's offline street map, a PMTiles archive that
 * scripts/make-pmtiles-fixture.ts generates (Illinois county lines, Lake Michigan, towns and a few
 * named roads), set in the hub's policy or in a desk's settings, drawn under the alert's camera
 * with the road names, in the day and the night look; served by the host at the page's own
 * origin, so the page asks nothing of any other origin; outlines when none is set or it is unreadable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { makeStreetMapFixture } from '../../scripts/make-pmtiles-fixture.js';
import { expect, shot, signIn, test, type Desk, MAP_DRAWN } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { setAgencyMap } from './accounts-support.js';

let dir: string;
let archive: string;

// Each test starts a hub, a host and a browser drawing WebGL in software: give them room.
test.slow();

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opentas-street-map-e2e-'));
  archive = makeStreetMapFixture(join(dir, 'illinois-streets.pmtiles')).path;
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every URL the page asks for, to prove none leaves the host's origin. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

function foreign(urls: string[], desk: Desk): string[] {
  const own = new URL(desk.host.url);
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.host !== own.host;
  });
}

async function useTheme(page: Page, desk: Desk, theme: 'dark' | 'light'): Promise<void> {
  await page.goto(desk.host.url);
  await page.evaluate((t) => (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke('settings:set', { theme: t }), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** The road names maplibre has drawn (the map's `data-road-labels`, read back from its symbol layer). */
async function roadLabels(page: Page): Promise<string[]> {
  return ((await page.getByTestId('map').getAttribute('data-road-labels')) ?? '').split('|').filter(Boolean);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the agency's street map draws the roads and their names around the camera (${theme})`, async ({ page, desk }) => {
    await setAgencyMap(desk, archive);
    const urls = recordRequests(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await useTheme(page, desk, theme);
    await signIn(page, desk);
    await desk.postHit(makeHit({ category: 'stolen', heading: 0 }));

    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
    await expect(map).toHaveAttribute('data-street-map', 'on');
    await expect.poll(() => roadLabels(page), { message: 'road names drawn on the map', ...MAP_DRAWN }).toEqual(expect.arrayContaining(['I-94', 'I-55', 'Lake Shore Drive', 'Pershing Road']));
    await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');
    await shot(page, `60-street-map-${theme}-1920`);

    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(() => roadLabels(page), { message: 'road names after the resize', ...MAP_DRAWN }).toEqual(expect.arrayContaining(['I-94']));
    await shot(page, `61-street-map-${theme}-1366`);

    // The archive came from the host (a file served in ranges), so nothing left the page's origin.
    expect(urls.some((u) => u.includes('/street-map/archive.pmtiles'))).toBe(true);
    expect(foreign(urls, desk)).toEqual([]);
  });
}

test('with no street map the map draws outlines and asks nothing of any other origin', async ({ page, desk }) => {
  const urls = recordRequests(page);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony' }));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await expect(map).toHaveAttribute('data-street-map', 'off');
  expect(urls.some((u) => u.includes('/street-map/'))).toBe(false);
  expect(foreign(urls, desk)).toEqual([]);
});

test("a desk's own street map from Settings overrides none; a wrong path is refused in words", async ({ page, desk }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, desk);
  await page.getByRole('button', { name: 'Settings' }).or(page.getByRole('link', { name: 'Settings' })).first().click();
  const now = page.getByTestId('street-map-now');
  await expect(now).toContainText('No street map is configured');

  const field = page.getByLabel("This desk's street map");
  await field.fill('maps/illinois.pmtiles');
  await page.getByRole('button', { name: 'Use on this desk' }).click();
  await expect(page.getByRole('alert')).toContainText('Not saved: give a full path');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const axe = await new AxeBuilder({ page }).include('.street-map-setting').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await shot(page, '62-street-map-setting-refused');

  await field.fill(archive);
  await page.getByRole('button', { name: 'Use on this desk' }).click();
  await expect(now).toContainText(`This desk's street map: ${archive}`);
  await expect(page.locator('.street-map-setting').getByRole('status')).toContainText('Saved');
  await shot(page, '63-street-map-setting-saved');

  await desk.postHit(makeHit({ category: 'stolen' }));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-street-map', 'on');
  await expect.poll(() => roadLabels(page), MAP_DRAWN).toEqual(expect.arrayContaining(['I-94']));
});

test('an archive that cannot be read falls back to the outlines, saying so', async ({ page, desk }) => {
  await setAgencyMap(desk, join(dir, 'not-there.pmtiles'));
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen' }));
  await expect(page.getByText('The street map could not be read; county outlines are shown.')).toBeVisible(MAP_DRAWN);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-street-map', 'off');
  await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');
});
