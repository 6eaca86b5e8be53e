/**
 * Issue 11, hot-list freshness in the real renderer: with no lists on the hub the console shows no
 * strip; once an NCIC list downloaded 3 h ago and a LEADS list downloaded 26 h ago are PUT, the strip
 * under the top bar says "LEADS 26 h old, stale" (red, and in words) and "NCIC 3 h old"; a read of a
 * plate on the stale LEADS list alerts, and the popup's hot-list fact says "LEADS list 26 h old:
 * STALE ..." so the trooper knows the hit may rest on an old list. Screenshots 88-freshness-* in
 * both themes and sizes, axe clean.
 */
import type { Read } from '../../src/shared/protocol/index.js';
import { expect, signIn, test, type Desk } from './fixtures.js';
import { shootEverywhere } from './accounts-support.js';

test.setTimeout(600_000);

const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

async function putList(desk: Desk, id: string, name: string, source: string, downloadedAt: string, plate: string): Promise<void> {
  const res = await fetch(`${desk.hub.url}/api/v1/hotlists/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${desk.ingestKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, source, downloadedAt, entries: [{ plate, state: 'IL', category: 'stolen', reason: 'Stolen vehicle, taken in a carjacking', entryId: `${source}-0001` }] }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function postRead(desk: Desk, plate: string): Promise<{ hits: unknown[] }> {
  const read: Read = {
    id: `e2e-fresh-${Date.now()}`,
    plate,
    plateState: 'IL',
    readAt: new Date(Date.now() - 20_000).toISOString(),
    location: { lat: 41.8309, lon: -87.6307 },
    heading: 90,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    confidence: 0.95,
    vehicle: { make: 'Chevrolet', model: 'Malibu', color: 'Silver' },
  };
  const res = await fetch(`${desk.hub.url}/api/v1/reads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${desk.ingestKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reads: [read] }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as { hits: unknown[] };
}

test('every user sees how old each hot list is, stale ones marked, and the popup the age of the hit list', async ({ page, desk }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, desk);
  // No lists on the hub: the desk's own read (after the strip's, on the same link) answers none, and no strip.
  const none = await page.evaluate(() => (globalThis as unknown as { tas: { invoke(c: string): Promise<unknown> } }).tas.invoke('hotlists:list'));
  expect(none).toEqual({ ok: true, value: { items: [] } });
  await expect(page.getByTestId('hotlist-freshness')).toHaveCount(0);

  await putList(desk, 'ncic-vehicles', 'NCIC vehicle file', 'NCIC', hoursAgo(3), 'NCF3310');
  await putList(desk, 'leads-vehicles', 'LEADS vehicle file', 'LEADS', hoursAgo(26), 'STL4821');
  await page.reload();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
  const strip = page.getByRole('region', { name: 'Hot-list freshness' });
  await expect(strip.getByRole('listitem')).toHaveText([/^!?LEADS 26 h old, stale$/, 'NCIC 3 h old']);
  await expect(strip.locator('li[data-list="leads-vehicles"]')).toHaveAttribute('data-stale', 'true');
  await expect(strip.locator('li[data-list="ncic-vehicles"]')).toHaveAttribute('data-stale', 'false');
  // Red as well as the word: the stale pill's background is the danger colour.
  await expect(strip.locator('li[data-list="leads-vehicles"]')).toHaveCSS('background-color', 'rgb(183, 28, 28)');
  await expect(strip.locator('li[data-list="ncic-vehicles"]')).not.toHaveCSS('background-color', 'rgb(183, 28, 28)');
  await shootEverywhere(page, '88-freshness-strip');

  // A camera reads the plate on the stale LEADS list: the alert says how old that list is.
  expect((await postRead(desk, 'STL4821')).hits).toHaveLength(1);
  const card = page.getByTestId('alert-card');
  await expect(card.getByTestId('plate-read')).toContainText('STL4821');
  const listAge = card.getByTestId('hit-list-age');
  await expect(listAge).toHaveText(/^LEADS list 26 h old: STALE, the entry may have been cleared since; verify before acting$/);
  await expect(listAge).toHaveAttribute('data-stale', 'true');
  await shootEverywhere(page, '88-freshness-popup-stale');
});
