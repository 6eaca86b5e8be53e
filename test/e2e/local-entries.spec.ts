/**
 * Issue 11, local hot-list entries in the real renderer: a trooper adds a plate (what is missing is
 * said next to the field), a read of that plate posted to the hub comes back as an alert whose card
 * says "LOCAL entry by <owner> · case <n>", the trooper removes the entry (asked once more) and the
 * plate no longer alerts; a supervisor sees everyone's entries with their owner and removes one.
 * Screenshots 85-local-* in both themes and sizes, axe clean.
 */
import type { Page } from '@playwright/test';
import type { Read } from '../../src/shared/protocol/index.js';
import { DESK_PASSWORD } from '../support/passwords.js';
import { expect, OTHER, signIn, test, TROOPER, type Desk } from './fixtures.js';
import { shootEverywhere, shootOnce, signInAs } from './accounts-support.js';

test.setTimeout(600_000);

const SUPERVISOR = { username: 'sgt.nowak', password: DESK_PASSWORD, displayName: 'Sgt. Eva Nowak' };
const CASE = 'ISP-2026-0042';

let serial = 0;
async function postRead(desk: Desk, plate: string, plateState = 'IL'): Promise<{ hits: unknown[] }> {
  const read: Read = {
    id: `e2e-local-${Date.now()}-${++serial}`,
    plate,
    plateState,
    readAt: new Date(Date.now() - 20_000).toISOString(),
    location: { lat: 41.8309, lon: -87.6307 },
    heading: 90,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    confidence: 0.94,
    vehicle: { make: 'Honda', model: 'Accord', color: 'Black' },
  };
  const res = await fetch(`${desk.hub.url}/api/v1/reads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${desk.ingestKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reads: [read] }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as { hits: unknown[] };
}

interface EntryFacts {
  plate: string;
  state: string;
  category: string;
  reason: string;
  caseNumber: string;
  purpose: string;
  hours: number;
}

const WANTED: Omit<EntryFacts, 'plate'> = {
  state: 'WI', category: 'wanted_person', reason: 'Driver wanted on a felony warrant (Cook County)', caseNumber: 'ISP-2026-0107', purpose: 'Wanted person', hours: 6,
};
const MISSING: Omit<EntryFacts, 'plate'> = {
  state: 'IL', category: 'missing_person', reason: 'Endangered adult, may be confused; check welfare', caseNumber: 'ISP-2026-0119', purpose: 'Missing or endangered person', hours: 14 * 24,
};

/** An entry added over HTTP, as that officer's desk would. */
async function addAs(desk: Desk, who: { username: string; password: string }, facts: EntryFacts): Promise<void> {
  const { hours, ...entry } = facts;
  const login = await fetch(`${desk.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: who.username, password: who.password }) });
  expect(login.status, await login.clone().text()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${desk.hub.url}/api/v1/hotlists/local/entries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...entry, expiresAt: new Date(Date.now() + hours * 3_600_000).toISOString() }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function openLocalList(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Local hot list' }).click();
  await expect(page.getByTestId('local-list-screen')).toBeVisible();
}

test('a trooper adds a plate, its read alerts as LOCAL with owner and case, and removing it stops it', async ({ page, desk }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, desk);
  await openLocalList(page);
  const screen = page.getByTestId('local-list-screen');
  await expect(screen.getByTestId('local-empty')).toHaveText('You have no plate on the local hot list.');
  // The expiry starts at the policy's longest (30 days), a little under so the hub's clock agrees.
  const expires = Date.parse(await screen.getByTestId('local-expires').inputValue());
  expect(expires).toBeGreaterThan(Date.now() + 29.9 * 86_400_000);
  expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);

  await screen.getByTestId('local-plate').fill('lcl 4242');
  await screen.getByTestId('local-reason').fill('Armed robbery suspect vehicle, do not approach alone');
  await screen.getByTestId('local-add').click();
  await expect(screen.getByTestId('local-caseNumber-error')).toHaveText('a case number is required');
  await expect(screen.getByTestId('local-purpose-error')).toHaveText('a purpose is required');
  await shootOnce(page, '85-local-form-missing');

  await screen.getByTestId('local-case').fill(CASE);
  await screen.getByTestId('local-purpose').fill('Criminal investigation');
  await screen.getByTestId('local-add').click();
  const row = screen.getByTestId('local-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('LCL4242');
  await expect(row).toContainText(CASE);
  await expect(row.getByTestId('local-left')).toHaveText(/^29 d 23 h left$/);
  await expect(screen.getByTestId('local-notice')).toContainText('LCL4242 (IL) is on the local hot list until');
  await addAs(desk, TROOPER, { plate: 'KQ7731', ...WANTED }); // a second one of the trooper's own, expiring in 6 hours
  await page.reload();
  await expect(screen.getByTestId('local-row')).toHaveCount(2);
  await shootEverywhere(page, '85-local-list-trooper');

  // A camera reads the plate: the hub matches it and the desk's alert says whose entry and which case.
  expect((await postRead(desk, 'LCL4242')).hits).toHaveLength(1);
  const card = page.getByTestId('alert-card');
  await expect(card.getByTestId('plate-read')).toContainText('LCL4242');
  await expect(card.getByTestId('local-entry-line')).toHaveText(`LOCAL entry by ${TROOPER.username} · case ${CASE}`);
  await expect(card.getByTestId('facts')).toContainText(`LOCAL: Armed robbery suspect vehicle, do not approach alone · added by ${TROOPER.username} · case ${CASE}`);
  await shootEverywhere(page, '85-local-hit-popup');

  // Removed (asked once more), the plate alerts nobody any more.
  await openLocalList(page);
  const mine = screen.locator('[data-testid="local-row"][data-plate="LCL4242"]');
  await mine.getByRole('button', { name: 'Remove' }).click();
  await expect(mine.getByRole('group', { name: 'Remove' })).toContainText('Remove LCL4242 (IL) from the local hot list?');
  await shootOnce(page, '85-local-remove-confirm');
  await mine.getByRole('button', { name: 'Remove entry' }).click();
  await expect(screen.getByTestId('local-notice')).toHaveText('LCL4242 (IL) was removed from the local hot list.');
  await expect(screen.getByTestId('local-row')).toHaveCount(1);
  expect((await postRead(desk, 'LCL4242')).hits).toEqual([]);
});

test("a supervisor sees everyone's entries with their owner and removes one", async ({ page, desk }) => {
  await desk.hub.admin.addUser({ ...SUPERVISOR, roles: ['supervisor'], unit: 'Troop 3' });
  await addAs(desk, TROOPER, { plate: 'LCL4242', ...MISSING });
  await addAs(desk, OTHER, { plate: 'WNT9001', ...WANTED });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInAs(page, desk.host.url, SUPERVISOR);
  await openLocalList(page);
  const screen = page.getByTestId('local-list-screen');
  await expect(screen.getByTestId('local-row')).toHaveCount(2);
  await expect(screen.getByTestId('local-form')).toHaveCount(0); // a supervisor alone adds none (the hub would refuse)
  await expect(screen.locator('[data-plate="WNT9001"]').getByTestId('local-owner')).toContainText(OTHER.username);
  await expect(screen.locator('[data-plate="LCL4242"]').getByTestId('local-owner')).toContainText(TROOPER.username);
  await expect(screen.getByTestId('local-count')).toHaveText('2 active entries (everyone’s)');
  await shootEverywhere(page, '85-local-list-supervisor');
  await screen.getByTestId('local-find').fill('ortega');
  await expect(screen.getByTestId('local-row')).toHaveCount(1);
  await screen.getByTestId('local-find').fill('');

  expect((await postRead(desk, 'WNT9001', 'WI')).hits).toHaveLength(1);
  const other = screen.locator('[data-plate="WNT9001"]');
  await other.getByRole('button', { name: 'Remove' }).click();
  await other.getByRole('button', { name: 'Remove entry' }).click();
  await expect(screen.getByTestId('local-row')).toHaveCount(1);
  expect((await postRead(desk, 'WNT9001', 'WI')).hits).toEqual([]);
  expect((await postRead(desk, 'LCL4242')).hits).toHaveLength(1);
});
