/**
 * Issue 10: every supervisor's screen in both themes at 1920x1080 and 1366x768, axe clean (serious
 * and critical), saved under test-results/screens/review-NN-*.png to be looked at: the log, refused
 * attempts, metrics with their charts, the chain check, one alert's trail, the monthly report, the
 * sharing report, the recorded exports and the escalation banner. The history is worked by four
 * trooper desks over real sockets (review-desk.ts); the hub's clock is moved, never slept.
 */
import { expect, test, type Page } from '@playwright/test';
import { noSeriousViolations, shootEverywhere } from './accounts-support.js';
import { shot, MAP_DRAWN } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { saveThemeAndReload, signInSupervisor, startReviewDesk, workAlerts, type ReviewDesk } from './review-desk.js';

const SEED = Number(process.env.REVIEW_SEED ?? 20261202);
let desk: ReviewDesk;

test.afterEach(async () => {
  await desk?.close();
});

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/**
 * The screen in each theme as the app draws it: the theme saved and the page loaded again, so what
 * is drawn once in the theme's colours (the map, the uPlot canvases) is drawn in them too. `ready`
 * waits for the screen's content after each load. Axe once per theme, at the smaller size.
 */
async function shootThemes(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await saveThemeAndReload(page, theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await ready();
    // No focus ring left by the test's typing in the pictures.
    await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }
      ).document.activeElement?.blur?.(),
    );
    for (const size of SIZES) {
      await page.setViewportSize(size);
      if (size.width === 1366) await noSeriousViolations(page, `${name} ${theme}`);
      await shot(page, `${name}-${theme}-${size.width}`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

test('the review tabs and a trail, both themes, both sizes, axe clean', async ({ page }) => {
  test.setTimeout(900_000);
  desk = await startReviewDesk();
  await workAlerts(desk, 30, SEED);
  await signInSupervisor(page, desk);

  await page.goto(`${desk.host.url}#/review/log`);
  await shootThemes(page, 'review-60-log', async () => {
    await expect(page.getByTestId('log-status')).toContainText('all that match');
    await expect(page.getByTestId('chain')).toHaveAttribute('data-state', 'intact');
  });

  await page.getByTestId('review-tab-refused').click();
  await shootThemes(page, 'review-61-refused', async () => {
    await expect(page.getByTestId('refusals-table').locator('tbody tr')).toHaveCount(1);
  });

  await page.getByTestId('review-tab-metrics').click();
  await shootThemes(page, 'review-62-metrics', async () => {
    await expect(page.getByTestId('chart-verify')).toHaveAttribute('data-drawn', 'true');
    await expect(page.getByTestId('chart-hour')).toHaveAttribute('data-drawn', 'true');
  });

  await page.getByTestId('review-tab-chain').click();
  await shootThemes(page, 'review-63-chain', async () => {
    await expect(page.locator('[data-testid=chain]').last()).toHaveAttribute('data-state', 'intact');
  });

  // The first alert's trail: its refused attempt, receipts at four desks, steps, map and images.
  await page.getByTestId('review-tab-log').click();
  await page.getByTestId('sort-time').click();
  await expect(page.locator('.log-entry').first()).toHaveAttribute('data-seq', '1');
  await page.locator('.log-entry').first().getByRole('link').click();
  await shootThemes(page, 'review-64-trail', async () => {
    await expect(page.getByTestId('timeline').locator('tr[data-kind=refused]')).toHaveCount(1);
    await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  });
});

test('the reports, the exports and the escalation banner, both themes, both sizes, axe clean', async ({
  page,
}) => {
  test.setTimeout(900_000);
  desk = await startReviewDesk();
  await workAlerts(desk, 30, SEED);
  const month = desk.clock.now().toISOString().slice(0, 7);
  await signInSupervisor(page, desk);

  await page.goto(`${desk.host.url}#/reports/monthly`);
  await shootThemes(page, 'review-65-monthly', async () => {
    await page.getByTestId('report-month').fill(month);
    await expect(page.getByTestId('monthly-report')).toContainText('Law enforcement sensitive');
    await expect(page.getByTestId('r-delivered')).toContainText('30');
  });

  // A CSV export, so the exports list has a line to show.
  const csv = page.waitForEvent('download');
  await page.getByTestId('download-csv').click();
  await csv;
  await page.getByTestId('reports-tab-sharing').click();
  await shootThemes(page, 'review-66-sharing', async () => {
    await page.getByTestId('report-month').fill(month);
    await expect(page.getByTestId('sharing-report')).toContainText('NCIC');
  });

  await page.getByTestId('reports-tab-exports').click();
  await shootThemes(page, 'review-67-exports', async () => {
    await expect(page.getByTestId('exports-table')).toContainText('(CSV)');
  });

  // An alert a trooper acknowledged and then left: escalated 10 minutes after delivery (hub time).
  const hit = makeHit({ plate: 'ESC4242', category: 'stolen', readAt: desk.clock.now().toISOString() });
  await desk.post(hit);
  expect((await desk.ack(0, { alertId: hit.id, type: 'acknowledged' })).ok).toBe(true);
  await desk.advance(10 * 60_000 + 1000);
  // The seeded alerts left unverified are escalated with it: the banner lists several.
  const escalated = await desk.hub.runEscalation();
  expect(escalated.map((e) => e.plate)).toContain('ESC4242');
  // In place, by the fragment: the page's address no longer holds the launch key (the bridge removed it),
  // so a goto to desk.host.url (which has it) would load the page anew, and the banner lives in the open page.
  await page.evaluate("location.hash = '#/review/log'");
  await expect(page.getByTestId('escalation-banner')).toContainText('ESC4242');
  await expect(page.getByTestId('log-status')).toContainText('all that match');
  // The banner lives in the open page (a reload starts without it): the theme is switched in place.
  await shootEverywhere(page, 'review-68-escalation');
});
