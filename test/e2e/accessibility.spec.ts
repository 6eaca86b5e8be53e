/**
 * Issue 5: @axe-core/playwright finds no serious or critical violation (WCAG 2.x A/AA, including
 * colour contrast) on any screen, in the dark and the light theme. Screenshots of each.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, shot, signIn, test, TROOPER, MAP_DRAWN } from './fixtures.js';
import { makeHit } from '../support/hits.js';

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
  expect(report, `axe on ${screen}`).toBe('');
}

// Seven axe runs (the popup's with its map) and six screenshots in one sign-in: they took
// 94-95 s in the browser repeat series at load 15-21 on two cores (session 5), past the
// 90 s default. The budget follows the work, like the other many-screen tests here.
test.setTimeout(300_000);

for (const theme of ['dark', 'light'] as const) {
  test(`every screen passes axe in the ${theme} theme`, async ({ page, desk }) => {
    await page.goto(desk.host.url);
    await page.evaluate((t) => (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke('settings:set', { theme: t }), theme);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByLabel('Username')).toBeVisible();
    await noSeriousViolations(page, 'sign-in');
    await shot(page, `40-${theme}-sign-in`);

    await signIn(page, desk);
    await noSeriousViolations(page, 'no alerts');

    await desk.postHit(makeHit({ category: 'silver', plate: 'SLV8080', plateState: 'UNK', hotlist: { source: 'LEADS', plate: 'SLV8O80', state: 'IL', reason: 'SILVER Alert: man, 81, dementia, driving' } }));
    await desk.postHit(makeHit({ category: 'registration', plate: 'REG1212' }));
    await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
    await noSeriousViolations(page, 'popup');
    await shot(page, `41-${theme}-popup-silver`);

    await page.getByTestId('ack-now').click();
    await expect(page.getByTestId('verify-form')).toBeVisible();
    await noSeriousViolations(page, 'verify form');
    await shot(page, `42-${theme}-verify-form`);

    await page.getByRole('button', { name: 'All alerts' }).click();
    await expect(page.getByTestId('alert-table')).toBeVisible();
    await noSeriousViolations(page, 'console');
    await shot(page, `43-${theme}-console`);

    await page.getByRole('button', { name: 'Settings' }).click();
    await noSeriousViolations(page, 'settings');
    await shot(page, `44-${theme}-settings`);

    desk.host.idle.goIdle();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await noSeriousViolations(page, 'lock');
    await shot(page, `45-${theme}-locked`);
    await page.getByLabel('Password').fill(TROOPER.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);

    // The hub goes away: NOT RECEIVING ALERTS.
    await desk.hub.close();
    await expect(page.getByTestId('presence-banner')).toContainText('NOT RECEIVING ALERTS');
    await noSeriousViolations(page, 'link down');
    await shot(page, `46-${theme}-not-receiving`);
  });
}
