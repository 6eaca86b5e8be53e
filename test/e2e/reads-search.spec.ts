/**
 * Issue 11, read search in the real renderer against a real hub: reads posted as a camera network
 * sends them; a trooper's search by wildcard without a purpose is refused with the hub's words at
 * the field, then with purpose and case number it lists the reads newest first in the table and on
 * the map, and choosing a row rings its dot; a supervisor sees the search in the record.
 * Screenshots 87-read-search-* in both themes and sizes, axe clean.
 */
import type { Page } from '@playwright/test';
import type { Read } from '../../src/shared/protocol/index.js';
import { DESK_PASSWORD } from '../support/passwords.js';
import { expect, MAP_DRAWN, shot, signIn, test, type Desk } from './fixtures.js';
import { noSeriousViolations, setTheme, signInAs } from './accounts-support.js';

test.setTimeout(600_000);

const SUPERVISOR = { username: 'sgt.nowak', password: DESK_PASSWORD, displayName: 'Sgt. Eva Nowak' };
const CASE = 'ISP-2026-0117';

const camera = (id: string, name: string) => ({ id, name, type: 'expressway' as const, network: 'isp' as const });

/**
 * Both themes at both sizes, axe once per theme (as shootEverywhere does), but each shot only once
 * the map has been drawn again in that theme: the map is rebuilt when the theme changes.
 */
async function shootWithMap(page: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    const map = page.getByTestId('reads-map');
    await expect(map).toHaveAttribute('data-dark', String(theme === 'dark'), MAP_DRAWN);
    await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
    for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      if (size.width === 1366) await noSeriousViolations(page, `${name} ${theme}`);
      await shot(page, `${name}-${theme}-${size.width}`);
    }
  }
  await setTheme(page, 'dark');
  await page.setViewportSize({ width: 1440, height: 1000 });
}

async function postReads(desk: Desk): Promise<Read[]> {
  const now = Date.now();
  const read = (n: number, plate: string, minutesAgo: number, lat: number, lon: number, cam: ReturnType<typeof camera>): Read => ({
    id: `e2e-search-${now}-${n}`, plate, plateState: 'IL', readAt: new Date(now - minutesAgo * 60_000).toISOString(),
    location: { lat, lon }, camera: cam, confidence: 0.9 - n / 100,
  });
  const reads = [
    read(1, 'KRB4471', 12, 41.8309, -87.6307, camera('isp-i94-0035', 'I-94 NB @ 35th St')),
    read(2, 'KRB4478', 95, 39.7817, -89.6501, camera('isp-i55-0920', 'I-55 NB @ Sangamon Ave')),
    read(3, 'KRB9471', 240, 41.525, -88.0817, camera('isp-i80-0140', 'I-80 WB @ Larkin Ave')),
    read(4, 'ZZT1000', 30, 41.85, -87.65, camera('isp-i90-0010', 'I-90 EB @ Halsted St')),
  ];
  const res = await fetch(`${desk.hub.url}/api/v1/reads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${desk.ingestKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reads }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return reads;
}

test('a wildcard search lists the reads in the table and on the map; without a purpose the hub refuses it', async ({ page, desk }) => {
  const reads = await postReads(desk);
  await desk.hub.admin.addUser({ ...SUPERVISOR, roles: ['supervisor'], unit: 'Troop 3' });
  await signIn(page, desk);
  await page.getByRole('button', { name: 'Read search' }).click();
  const screen = page.getByTestId('reads-screen');
  await expect(screen.getByTestId('reads-policy')).toContainText('Every search is recorded');
  await expect(screen.getByTestId('reads-map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);

  // No purpose: the hub says why, at the field; nothing is listed.
  await screen.getByTestId('reads-plate').fill('krb?47*');
  await screen.getByTestId('reads-case').fill(CASE);
  await screen.getByTestId('reads-search').click();
  await expect(screen.getByTestId('reads-error-purpose')).toContainText(/purpose.*IV\.E\.4.*recorded/);
  await expect(screen.getByTestId('reads-purpose')).toHaveAttribute('aria-invalid', 'true');
  await expect(screen.getByTestId('reads-table')).toHaveCount(0);
  await shootWithMap(page, '87-read-search-refused');

  await screen.getByTestId('reads-purpose').fill('Robbery suspect vehicle, partial plate from witness');
  await screen.getByTestId('reads-search').click();
  const rows = screen.getByTestId('reads-row');
  await expect(rows).toHaveCount(3);
  await expect(screen.getByTestId('reads-error-purpose')).toHaveCount(0);
  // Newest first; the plate that does not fit is not there.
  await expect(rows.nth(0)).toContainText('KRB4471');
  await expect(rows.nth(1)).toContainText('KRB4478');
  await expect(rows.nth(2)).toContainText('KRB9471');
  await expect(screen).not.toContainText('ZZT1000');
  await expect(screen.getByTestId('reads-summary')).toContainText(`recorded for case ${CASE}`);
  const map = screen.getByTestId('reads-map');
  await expect(map).toHaveAttribute('data-points', '3');

  // A row chosen: its dot is ringed on the map.
  await rows.nth(1).getByTestId('reads-select').click();
  await expect(map).toHaveAttribute('data-selected', reads[1]!.id);
  await expect(rows.nth(1).getByTestId('reads-select')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.nth(1)).toHaveClass(/selected/);
  await shootWithMap(page, '87-read-search-trooper');

  // A supervisor finds the search in the record, with its purpose, case and how many reads it found.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, desk.host.url, SUPERVISOR);
  await page.getByRole('button', { name: 'Read search' }).click();
  const record = page.getByTestId('reads-record-row');
  await expect(record).toHaveCount(1);
  await expect(record.first()).toContainText('tpr.kowalski');
  await expect(record.first()).toContainText('KRB?47*');
  await expect(record.first()).toContainText('Robbery suspect vehicle');
  await expect(record.first()).toContainText(CASE);
  await expect(record.first().locator('td').last()).toHaveText('3');
  await expect(page.getByTestId('reads-map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await shootWithMap(page, '87-read-search-supervisor');
});
