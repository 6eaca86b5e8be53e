/**
 * Issue 10, the log at 100,000 entries: a hub whose SQLite folder holds a supervisor's two months
 * (written straight into the file by test/bench/support/review-log-file.ts, hashed and chained by
 * the hub's own functions, because the hub's socket writes a few dozen entries a second here), read
 * through the browser host. The table pages on by the hub's cursor, 200 at a time, never the whole
 * log; keeps a few dozen rows in the DOM however far it has paged; and every filter answers only
 * what it names. Seeded: REVIEW_100K_SEED replays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import { writeReviewLog, type LogFile } from '../bench/support/review-log-file.js';
import { SUPERVISOR, signInSupervisor } from './review-desk.js';

const SEED = Number(process.env.REVIEW_100K_SEED ?? 20261130);
const ENTRIES = 100_000;

let dir: string | undefined;
let hub: RunningHub | undefined;
let host: WebHost | undefined;

test.afterEach(async () => {
  await host?.close();
  await hub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the log has settled on a query whose every row in view passes `ok` in `column` (1-based). */
async function settled(page: Page, column: number, ok: (cell: string) => boolean): Promise<string[]> {
  let cells: string[] = [];
  await expect(async () => {
    await expect(page.getByTestId('log-status')).toHaveAttribute('data-loading', 'false', { timeout: 1000 });
    cells = await page.locator(`.log-entry [role=cell]:nth-child(${column})`).allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => !ok(c))).toEqual([]);
  }).toPass({ timeout: 60_000 });
  return cells;
}

async function seqsInDom(page: Page): Promise<number[]> {
  return page
    .locator('.log-entry')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
}

test('at 100,000 entries the log pages by the cursor, filters on every field and keeps few rows in the DOM', async ({
  page,
}) => {
  test.setTimeout(600_000);
  console.log(`review 100k seed: ${SEED} (replay with REVIEW_100K_SEED=${SEED})`);
  dir = mkdtempSync(join(tmpdir(), 'opentas-review-100k-'));
  const began = performance.now();
  // September and October, more than a week ago: the supervisor's desk is replayed none of it.
  const file: LogFile = await writeReviewLog(join(dir, 'hub'), {
    entries: ENTRIES,
    seed: SEED,
    start: Date.parse('2026-09-01T00:00:00.000Z'),
    spanMs: 60 * 86_400_000,
    categories: ['stolen', 'stolen', 'felony', 'wanted_person', 'registration', 'local'],
  });
  hub = await startHub({ port: 0, dataDir: join(dir, 'hub'), retentionEveryMs: 0, escalationEveryMs: 0 });
  await hub.admin.addUser({ ...SUPERVISOR, roles: ['supervisor'], unit: 'Troop 2' });
  host = await startWebHost({ hubUrl: hub.url, dataDir: join(dir, 'client'), port: 0 });
  console.log(
    `review 100k: ${file.entries} entries, ${file.alerts} alerts written and the hub open in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
  expect(file.entries).toBeGreaterThanOrEqual(ENTRIES);

  await signInSupervisor(page, { host });
  await page.goto(`${host.url}#/review`);
  const status = page.getByTestId('log-status');
  const table = page.getByTestId('log-table');
  await expect(status).toHaveText('200 entries loaded, newest first; more load as you scroll.');
  await expect(page.locator('.log-entry').first()).toHaveAttribute('data-seq', String(file.entries));
  expect(await page.locator('.log-entry').count()).toBeLessThan(60);
  console.log(
    `review 100k: first page on screen ${await status.getAttribute('data-first-page-ms')} ms after asking`,
  );

  // Pages on by the cursor, one page per scroll to the end; the DOM stays a few dozen rows, and the
  // rows count down across every page boundary (nothing missing, nothing twice).
  const scroller = page.getByTestId('log-scroller');
  for (let pages = 2; pages <= 5; pages++) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(table).toHaveAttribute('data-rows', String(pages * 200));
    await expect(status).toContainText(`${(pages * 200).toLocaleString('en-US')} entries loaded`);
    expect(await page.locator('.log-entry').count()).toBeLessThan(60);
    const seqs = await seqsInDom(page);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! - i));
  }

  // Oldest first starts over at the top with one page.
  await page.getByTestId('sort-time').click();
  await expect(page.locator('.log-entry').first()).toHaveAttribute('data-seq', '1');
  await expect(status).toHaveText('200 entries loaded, oldest first; more load as you scroll.');

  // Unit, then one user of it: every row in view is theirs, and more than a page matches.
  await page.getByTestId('filter-unit').selectOption('Troop 2');
  await settled(page, 6, (c) => c === 'Troop 2');
  await expect(status).toContainText('200 entries loaded');
  await page.getByTestId('filter-user').selectOption('bench-u-7');
  await settled(page, 5, (c) => c === 'bench-u-7');
  await settled(page, 6, (c) => c === 'Troop 2');

  // Step and result: the verifications that did not confirm (misreads caught).
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-step').selectOption('verified');
  await page.getByTestId('filter-result').selectOption('not_confirmed');
  await settled(page, 8, (c) => c.includes('NOT confirmed'));
  await settled(page, 7, (c) => c === 'Verified');

  // Category and one day.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-category').selectOption('felony');
  await page.getByTestId('filter-from').fill('2026-09-15');
  await page.getByTestId('filter-to').fill('2026-09-15');
  await settled(page, 4, (c) => c.includes('FELONY'));
  await settled(page, 1, (c) => c.startsWith('2026-09-15'));

  // Text: a plate (typed in lower case), then a case number.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  const plate = file.plates[4]!;
  await page.getByTestId('filter-text').fill(plate.toLowerCase());
  await settled(page, 3, (c) => c.includes(plate));
  await expect(status).toContainText(/entr(y|ies): all that match/);
  const caseNumber = file.cases[2]!;
  await page.getByTestId('filter-text').fill(caseNumber);
  await settled(page, 10, (c) => c === caseNumber);
  await expect(status).toContainText(/entr(y|ies): all that match/);

  // A range that holds nothing says so.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('filter-to').fill('2026-08-01');
  await expect(status).toHaveText('No entries match these filters.');
});
