/**
 * Issue 8, the console by role: each demo account (src/backend/demo.ts, what `npm run dev:web`
 * prints) lands on its own console and its top bar lists exactly its screens; a trooper who types
 * a dispatcher's address is told "Not allowed" in words; a deep link opens one alert; back and
 * forward move between screens. Screenshots of each role's console in both themes and both sizes,
 * axe clean.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../src/backend/demo.js';
import { expect, shot, signIn, test, type Desk } from './fixtures.js';
import { makeHit } from '../support/hits.js';

/** What each role's top bar lists, in order (the SCREENS table of src/renderer/console/screens.tsx). */
const NAV: Record<string, string[]> = {
  trooper1: ['Alerts', 'All alerts', 'My history', 'Local hot list', 'Read search', 'Settings'],
  dispatcher1: ['Alerts', 'All alerts', 'My history', 'Zones', 'Troop view', 'Local hot list', 'Read search', 'Settings'],
  supervisor1: ['Troop view', 'Review', 'Alert trail', 'Reports', 'Local hot list', 'Read search', 'Settings'],
  admin1: ['Users', 'Ingest keys', 'Policy', 'Settings'],
};
/** Where each lands after signing in. */
const HOME: Record<string, RegExp> = { trooper1: /#\/alerts$/, dispatcher1: /#\/alerts$/, supervisor1: /#\/troop$/, admin1: /#\/users$/ };

async function addDemoAccounts(desk: Desk): Promise<void> {
  for (const a of DEMO_ACCOUNTS) await desk.hub.admin.addUser(a);
}

async function navTitles(page: Page): Promise<string[]> {
  const tabs = page.getByRole('navigation', { name: 'Views' }).getByRole('button');
  return (await tabs.allTextContents()).map((t) => t.replace(/\s*\(\d+\)$/, '').trim());
}

/** Through the Settings screen, as a user does it, then back to the screen that was open. */
async function setTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  const back = page.url();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark (night shift)' : 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.goBack();
  await expect(page).toHaveURL(back);
}

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n'), `axe on ${screen}`).toBe('');
}

for (const account of DEMO_ACCOUNTS.filter((a) => a.username !== 'trooper2')) {
  test(`${account.roles.join('+')} (${account.username}) lands on their own console and sees exactly its screens`, async ({ page, desk }) => {
    test.setTimeout(240_000);
    await addDemoAccounts(desk);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, desk, { username: account.username, password: account.password, displayName: account.displayName });
    await expect(page).toHaveURL(HOME[account.username]!);
    await expect.poll(() => navTitles(page)).toEqual(NAV[account.username]);
    await expect(page.getByTestId('not-allowed')).toHaveCount(0);
    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      for (const [w, h] of [[1920, 1080], [1366, 768]] as const) {
        await page.setViewportSize({ width: w, height: h });
        if (w === 1920) await noSeriousViolations(page, `${account.username} ${theme}`);
        await shot(page, `80-console-${account.username}-${theme}-${w}`);
      }
    }
  });
}

test('a trooper who types a dispatcher’s address is told it is not allowed, in words', async ({ page, desk }) => {
  test.setTimeout(180_000);
  await signIn(page, desk);
  await page.goto(`${desk.host.url}#/zones`);
  const notAllowed = page.getByTestId('not-allowed');
  await expect(notAllowed).toContainText('Not allowed: this screen is for dispatchers');
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Zones' })).toHaveCount(0);
  await page.goto(`${desk.host.url}#/troop/some-alert`);
  await expect(notAllowed).toContainText('dispatchers and supervisors');
  await page.goto(`${desk.host.url}#/nowhere`);
  await expect(page.getByTestId('no-such-screen')).toContainText('No such screen');
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    await page.goto(`${desk.host.url}#/zones`);
    await expect(notAllowed).toBeVisible();
    await noSeriousViolations(page, `not allowed ${theme}`);
    await shot(page, `81-not-allowed-${theme}`);
  }
  await notAllowed.getByRole('link', { name: 'Back to your console' }).click();
  await expect(page).toHaveURL(/#\/alerts$/);
});

test('a deep link opens one alert; back and forward move between screens', async ({ page, desk }) => {
  test.setTimeout(180_000);
  await signIn(page, desk);
  const first = makeHit({ category: 'stolen', plate: 'DEEP001' });
  const second = makeHit({ category: 'felony', plate: 'DEEP002' });
  await desk.postHit(first);
  await desk.postHit(second);
  await expect(page.getByTestId('alert-card')).toBeVisible();

  // The less urgent one, by address: it is the alert on screen, not the queue's first.
  await page.goto(`${desk.host.url}#/alerts/${encodeURIComponent(first.id)}`);
  await expect(page.getByTestId('alert-card')).toContainText('DEEP001');
  await page.getByRole('button', { name: 'All alerts' }).click();
  await expect(page).toHaveURL(/#\/all$/);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);

  await page.goBack();
  await expect(page).toHaveURL(/#\/all$/);
  await expect(page.getByTestId('alert-table')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/alerts/${first.id}$`));
  await expect(page.getByTestId('alert-card')).toContainText('DEEP001');
  await page.goForward();
  await expect(page.getByTestId('alert-table')).toBeVisible();

  // Opening from the list is an address too, so back returns to the list.
  await page.locator(`tr[data-alert-id="${second.id}"]`).getByRole('button', { name: /Open alert/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/alerts/${second.id}$`));
  await expect(page.getByTestId('alert-card')).toContainText('DEEP002');
  await page.goBack();
  await expect(page.getByTestId('alert-table')).toBeVisible();

  // An alert this desk does not hold says so instead of showing another one as if it were it.
  await page.goto(`${desk.host.url}#/alerts/not-at-this-desk`);
  await expect(page.getByTestId('alert-not-here')).toContainText('not-at-this-desk');
});
