/**
 * Settings > "Delete my local data" (issue 14): a confirm dialog first ("Keep my data" changes
 * nothing), then the signed-in user's folder on the desk is gone and the sign-in screen is back.
 * Both themes at 1920x1080 and 1366x768, the dialog axe clean.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startWebHost } from '../../src/webhost/web-host.js';
import { userDataDir } from '../../src/main/services/user-desk.js';
import { expect, shot, test, TROOPER } from './fixtures.js';
import { makeHit } from '../support/hits.js';

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
  expect(report, `axe on ${screen}`).toBe('');
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(TROOPER.username);
  await page.getByLabel('Password').fill(TROOPER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
}

for (const theme of ['dark', 'light'] as const) {
  test(`Delete my local data asks first, then deletes the user's folder and signs out (${theme})`, async ({ page, desk }) => {
    // A host of its own, so the test can look into its data folder.
    const dataDir = mkdtempSync(join(tmpdir(), 'opentas-wipe-'));
    const host = await startWebHost({ hubUrl: desk.hub.url, dataDir, port: 0 });
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await signIn(page, host.url);
      await page.evaluate((t) => (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke('settings:set', { theme: t }), theme);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await desk.postHit(makeHit({ category: 'stolen', plate: 'WIP3141' }));
      await expect(page.getByText('WIP3141').first()).toBeVisible();
      const folder = userDataDir(dataDir, desk.trooperId);
      expect(readdirSync(folder)).toContain('inbox.log');

      await page.goto(`${host.url}#/settings`);
      const button = page.getByTestId('local-data-delete');
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeVisible();
      await shot(page, `95-${theme}-settings-local-data-1920`);

      await button.click();
      const dialog = page.getByRole('dialog', { name: 'Delete your local data?' });
      await expect(dialog).toBeVisible();
      // The safe choice has the focus: Enter at 3 a.m. keeps the data.
      await expect(page.getByRole('button', { name: 'Keep my data' })).toBeFocused();
      await noSeriousViolations(page, 'delete local data dialog');
      // The viewport, as the user sees it: a full-page capture would stretch the modal's backdrop.
      await page.screenshot({ path: `test-results/screens/95-${theme}-local-data-confirm-1920.png` });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: `test-results/screens/95-${theme}-local-data-confirm-1366.png` });

      await page.getByRole('button', { name: 'Keep my data' }).click();
      await expect(dialog).toBeHidden();
      expect(readdirSync(folder)).toContain('inbox.log');
      await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
      await shot(page, `95-${theme}-settings-local-data-1366`);

      await button.click();
      await page.getByTestId('local-data-confirm').click();
      await expect(page.getByLabel('Username')).toBeVisible();
      await expect(page.getByTestId('session-ended')).toContainText('Your local data was deleted');
      expect(existsSync(folder)).toBe(false);
      await noSeriousViolations(page, 'sign-in after deleting');
      await page.screenshot({ path: `test-results/screens/95-${theme}-local-data-deleted-1366.png` });
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
