/**
 * Issue 10, the supervisor's log: a real hub whose log was written by four trooper desks over real
 * sockets (about 260 entries, more than one page of 200), read through the browser host. The table keeps
 * only the rows in view in the DOM, pages on by the hub's cursor as it scrolls, filters on each
 * field and text, sorts by time; refused attempts have their own view; a row opens the alert's
 * trail (hit, images, map, every receipt, step, refusal and export).
 */
import { expect, test } from '@playwright/test';
import { signInSupervisor, startReviewDesk, workAlerts, type ReviewDesk } from './review-desk.js';
import { MAP_DRAWN } from './fixtures.js';

const SEED = Number(process.env.REVIEW_SEED ?? 20261130);
let desk: ReviewDesk;

test.afterEach(async () => {
  await desk?.close();
});

test('the log pages on as it scrolls, filters on every field, sorts, and keeps few rows in the DOM', async ({
  page,
}) => {
  test.setTimeout(300_000);
  desk = await startReviewDesk();
  const seeded = await workAlerts(desk, 110, SEED);
  expect(seeded.entries).toBeGreaterThan(200);
  await signInSupervisor(page, desk);
  await page.goto(`${desk.host.url}#/review`);

  const status = page.getByTestId('log-status');
  await expect(status).toContainText('200 entries loaded');
  // Virtualized: a few dozen rows in the DOM, not 200.
  expect(await page.locator('.log-entry').count()).toBeLessThan(60);
  // Newest first by default.
  const firstSeq = Number(await page.locator('.log-entry').first().getAttribute('data-seq'));
  expect(firstSeq).toBe(seeded.entries);

  // Scrolling to the end asks for the next page; the rest arrives and the count is exact.
  const scroller = page.getByTestId('log-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(status).toContainText(`${seeded.entries} entries: all that match`, { timeout: 1000 });
  }).toPass();
  // The last page lengthens the list below a view that stays where the reader was (it arrived while
  // the end of page one was in view; no jump), so the end of the log is one more scroll away.
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('.log-entry').last()).toHaveAttribute('data-seq', '1');
  expect(await page.locator('.log-entry').count()).toBeLessThan(60);
  // Across the page boundary nothing is missing or twice: the rows in view count down to 1.
  const tail = await page
    .locator('.log-entry')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
  expect(tail).toEqual(tail.map((_, i) => tail.length - i));

  // Oldest first.
  await page.getByTestId('sort-time').click();
  await expect(page.locator('.log-entry').first()).toHaveAttribute('data-seq', '1');
  const head = await page
    .locator('.log-entry')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
  expect(head).toEqual(head.map((_, i) => i + 1));
  // Sorting from the end of the log starts over at the top with one page: the old view's position
  // does not make the table ask for a second page nobody scrolled to.
  await expect(status).toHaveText('200 entries loaded, oldest first; more load as you scroll.');

  // Text: a plate (lower case typed; the hub searches any case).
  const plate = seeded.plates[3]!;
  await page.getByTestId('filter-text').fill(plate.toLowerCase());
  await expect(status).toContainText(/entr(y|ies): all that match/);
  const plates = await page.locator('.log-entry [role=cell]:nth-child(3)').allInnerTexts();
  expect(plates.length).toBeGreaterThan(0);
  for (const p of plates) expect(p).toContain(plate);

  // Text: a case number finds its action.
  const caseNumber = seeded.cases[0]!;
  await page.getByTestId('filter-text').fill(caseNumber);
  await expect(page.locator('.log-entry')).toHaveCount(1);
  await expect(page.locator('.log-entry')).toContainText('Action taken');
  await expect(page.locator('.log-entry')).toContainText(caseNumber);
  await page.getByTestId('filter-text').fill('');

  // Step and result: verifications that did NOT confirm (misreads caught).
  await page.getByTestId('filter-step').selectOption('verified');
  await page.getByTestId('filter-result').selectOption('not_confirmed');
  await expect(status).toContainText(/all that match/);
  const results = await page.locator('.log-entry [role=cell]:nth-child(8)').allInnerTexts();
  expect(results.length).toBeGreaterThan(3);
  for (const r of results) expect(r).toContain('NOT confirmed');

  // Unit: only Troop 5's desks.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-unit').selectOption('Troop 5');
  await expect(status).toContainText(/entries/);
  const units = await page.locator('.log-entry [role=cell]:nth-child(6)').allInnerTexts();
  expect(units.length).toBeGreaterThan(10);
  expect(new Set(units)).toEqual(new Set(['Troop 5']));

  // Category and user together.
  await page.getByTestId('filter-category').selectOption('stolen');
  await page.getByTestId('filter-user').selectOption({ label: 'tpr.51 (Tpr. Troop 5 #1)' });
  await expect(status).not.toContainText('Loading');
  for (const row of await page.locator('.log-entry').all()) {
    await expect(row.locator('[role=cell]').nth(3)).toContainText('STOLEN');
    await expect(row.locator('[role=cell]').nth(4)).toHaveText('tpr.51');
  }

  // A date range that holds nothing.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-to').fill('2020-01-01');
  await expect(status).toHaveText('No entries match these filters.');
});

test('refused attempts have their own view, and a row opens the whole trail', async ({ page }) => {
  desk = await startReviewDesk();
  const seeded = await workAlerts(desk, 12, SEED);
  await signInSupervisor(page, desk);

  await page.goto(`${desk.host.url}#/review/refused`);
  const refusals = page.getByTestId('refusals-table');
  await expect(refusals.locator('tbody tr')).toHaveCount(1);
  await expect(refusals).toContainText('verification_required');
  await expect(refusals).toContainText('Action taken');

  // The log's first alert (oldest first) is the one with the refused attempt.
  await page.goto(`${desk.host.url}#/review/log`);
  await page.getByTestId('sort-time').click();
  await page.locator('.log-entry').first().getByRole('link').click();
  await expect(page).toHaveURL(/#\/trail\//);
  const trail = page.getByTestId('trail');
  await expect(trail).toBeVisible();
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await expect(trail.getByRole('button', { name: /Plate image/ })).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('tr[data-kind=delivered]')).toHaveCount(desk.troopers.length);
  await expect(timeline.locator('tr[data-kind=refused]')).toHaveCount(1);
  await expect(timeline.locator('tr[data-kind=refused]')).toContainText('verification_required');
  await expect(timeline.locator('tr[data-kind=step]').first()).toContainText('Acknowledged');
  await expect(timeline).toContainText(seeded.plates[0] ? 'Received by the hub' : '');

  // An unknown id says so in words.
  await page.goto(`${desk.host.url}#/trail/no-such-alert`);
  await expect(page.getByTestId('hub-problem')).toContainText('Not found');
});
