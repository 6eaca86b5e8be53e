/**
 * `npm run bench -- review-log` (issue 10): the supervisor's log screen at 100,000 and 1,000,000
 * entries, in Chromium through the browser host against a real hub on SQLite.
 *
 * For each size: the folder is written straight into SQLite by support/review-log-file.ts (reused
 * from the temp dir when it is there; delete it to reseed), a hub opens it (filling `ack_facts`), a
 * supervisor signs in at 1920x1080, and the bench times, as the supervisor would wait for them:
 * - first render: from opening the log tab to the first rows on screen (median of 5, BENCH_LOG_RENDERS; the chain
 *   check that opens with the screen runs alongside, as it does for the supervisor, and is let
 *   finish before the next opening);
 * - next page: from scrolling to the end to the next 200 rows being in the table;
 * - each filter: from the change to the table holding only matching rows (median of 3); the text
 *   filter includes the 300 ms pause the screen waits for typing to stop;
 * and, over plain HTTP with no browser, the hub's first page (GET /acks, 200 rows) and a full chain
 * check (GET /audit/verify). All times include Playwright's round trips (a few ms). Figures, not
 * assertions: see docs/performance.md.
 * Last line: `review-log: entries=… first_render_ms=… next_page_ms=… unit_ms=… plate_ms=… dom_rows=…`
 * Knobs (env): BENCH_LOG_SIZES (default "100000,1000000"), BENCH_LOG_DIR, BENCH_LOG_SEED, BENCH_LOG_RENDERS (5).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHub } from '../../src/backend/server.js';
import { startWebHost } from '../../src/webhost/web-host.js';
import { writeReviewLog } from './support/review-log-file.js';

const SIZES = (process.env.BENCH_LOG_SIZES ?? '100000,1000000').split(',').map(Number);
const ROOT = process.env.BENCH_LOG_DIR ?? join(tmpdir(), 'opentas-bench-review-log');
const SEED = Number(process.env.BENCH_LOG_SEED ?? 20261130);
/** Openings of the log tab timed (the median is printed); each waits for its chain check, a minute at 1,000,000. */
const RENDERS = Number(process.env.BENCH_LOG_RENDERS ?? 5);
const USER = { username: 'bench.sgt', password: 'Bench-Review-Log-2026', displayName: 'Bench Sergeant' };

/** The little of the page's DOM the waits read (this file is compiled without the DOM library). */
interface PageGlobals {
  document: {
    querySelector(
      s: string,
    ): { dataset: Record<string, string | undefined>; textContent: string | null } | null;
    querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
  };
  location: { hash: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function clock<T>(run: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/** Resolves once the log is not loading and every row in view passes: `column` (1-based) includes `text`. */
async function rowsMatch(page: Page, column: number, text: string): Promise<void> {
  await page.waitForFunction(
    ([col, want]) => {
      // Runs in the page: no closures from here.
      const { document } = globalThis as unknown as PageGlobals;
      const status = document.querySelector('[data-testid=log-status]');
      const cells = Array.from(document.querySelectorAll(`.log-entry [role=cell]:nth-child(${col})`));
      return (
        status?.dataset.loading === 'false' &&
        cells.length > 0 &&
        cells.every((c) => c.textContent?.includes(String(want)))
      );
    },
    [column, text] as const,
    { timeout: 600_000, polling: 'raf' },
  );
}

/** Resolves once the unfiltered log (newest first) is back: rows of more than one unit in view. */
async function unfiltered(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as PageGlobals;
      const status = document.querySelector('[data-testid=log-status]');
      const units = new Set(
        Array.from(document.querySelectorAll('.log-entry [role=cell]:nth-child(6)')).map(
          (c) => c.textContent,
        ),
      );
      return (
        status?.dataset.loading === 'false' &&
        units.size > 1 &&
        Boolean(status.textContent?.includes('newest first'))
      );
    },
    undefined,
    { timeout: 600_000, polling: 'raf' },
  );
}

async function measure(size: number): Promise<Record<string, number>> {
  const dir = join(ROOT, String(size));
  if (!existsSync(join(dir, 'hub.sqlite'))) {
    mkdirSync(dir, { recursive: true });
    const t0 = Date.now();
    await writeReviewLog(dir, {
      entries: size,
      seed: SEED,
      start: Date.parse('2026-09-01T00:00:00.000Z'),
      spanMs: 60 * 86_400_000,
      categories: ['stolen', 'stolen', 'felony', 'wanted_person', 'registration', 'local'],
      print: (s) => console.log(s),
    });
    console.log(`wrote ${size} entries in ${((Date.now() - t0) / 1000).toFixed(0)} s (${dir})`);
  }
  const opening = performance.now();
  const hub = await startHub({ port: 0, dataDir: dir, retentionEveryMs: 0, escalationEveryMs: 0 });
  const r: Record<string, number> = { open_ms: performance.now() - opening };
  const clientDir = mkdtempSync(join(tmpdir(), 'opentas-bench-log-client-'));
  const host = await startWebHost({ hubUrl: hub.url, dataDir: clientDir, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    if (!(await hub.store.users.byName(USER.username)))
      await hub.admin.addUser({ ...USER, roles: ['supervisor'], unit: 'Troop 2' });

    // The hub alone, over HTTP.
    const signIn = await fetch(`${hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER.username, password: USER.password }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const get = (path: string) => async () => {
      const res = await fetch(`${hub.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    r.http_first_page_ms = median([
      await clock(get('/acks?order=desc&limit=200')),
      await clock(get('/acks?order=desc&limit=200')),
      await clock(get('/acks?order=desc&limit=200')),
    ]);
    r.http_verify_ms = await clock(get('/audit/verify'));

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    await page.getByLabel('Username').fill(USER.username);
    await page.getByLabel('Password').fill(USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByTestId('link-state')
      .filter({ hasText: 'Receiving alerts' })
      .waitFor({ timeout: 120_000 });

    // First render: from the tab opening to rows on screen, five times (away to Settings between).
    const renders: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      await page.evaluate(() => ((globalThis as unknown as PageGlobals).location.hash = '#/settings'));
      await page.locator('.log-entry').first().waitFor({ state: 'detached' });
      renders.push(
        await clock(async () => {
          await page.evaluate(() => ((globalThis as unknown as PageGlobals).location.hash = '#/review/log'));
          await page.locator('.log-entry').first().waitFor({ timeout: 600_000 });
        }),
      );
      // One chain check at a time, as one supervisor opening the screen makes (not timed).
      await page.locator('[data-testid=chain][data-state=intact]').waitFor({ timeout: 600_000 });
    }
    r.first_render_ms = median(renders);
    r.first_page_ms = Number(await page.getByTestId('log-status').getAttribute('data-first-page-ms'));
    r.dom_rows = await page.locator('.log-entry').count();

    // The next page, as the supervisor scrolls to the end of the first.
    r.next_page_ms = await clock(async () => {
      await page.getByTestId('log-scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.locator('[data-testid=log-table][data-rows="400"]').waitFor({ timeout: 600_000 });
    });
    r.dom_rows_paged = await page.locator('.log-entry').count();

    const filters: [string, () => Promise<void>, number, string][] = [
      [
        'unit_ms',
        () =>
          page
            .getByTestId('filter-unit')
            .selectOption('Troop 2')
            .then(() => undefined),
        6,
        'Troop 2',
      ],
      [
        'user_ms',
        () =>
          page
            .getByTestId('filter-user')
            .selectOption('bench-u-7')
            .then(() => undefined),
        5,
        'bench-u-7',
      ],
      [
        'step_result_ms',
        async () => {
          await page.getByTestId('filter-step').selectOption('verified');
          await page.getByTestId('filter-result').selectOption('not_confirmed');
        },
        8,
        'NOT confirmed',
      ],
      [
        'category_ms',
        () =>
          page
            .getByTestId('filter-category')
            .selectOption('felony')
            .then(() => undefined),
        4,
        'FELONY',
      ],
      [
        'day_ms',
        async () => {
          await page.getByTestId('filter-from').fill('2026-09-15');
          await page.getByTestId('filter-to').fill('2026-09-15');
        },
        1,
        '2026-09-15',
      ],
      ['plate_ms', () => page.getByTestId('filter-text').fill('7K'), 3, '7K'],
    ];
    for (const [name, change, column, text] of filters) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        times.push(
          await clock(async () => {
            await change();
            await rowsMatch(page, column, text);
          }),
        );
        await page.getByRole('button', { name: 'Clear filters' }).click();
        await unfiltered(page);
      }
      r[name] = median(times);
    }
    return r;
  } finally {
    await browser.close();
    await host.close();
    await hub.close();
    rmSync(clientDir, { recursive: true, force: true });
  }
}

let last: Record<string, number> = {};
for (const size of SIZES) {
  last = await measure(size);
  console.log(
    `entries=${size} load=${loadavg()[0]!.toFixed(1)} ${Object.entries(last)
      .map(([k, v]) => `${k}=${v.toFixed(0)}`)
      .join(' ')}`,
  );
}
const f = (k: string) => (last[k] ?? NaN).toFixed(0);
console.log(
  `review-log: entries=${SIZES.at(-1)} first_render_ms=${f('first_render_ms')} next_page_ms=${f('next_page_ms')} unit_ms=${f('unit_ms')} plate_ms=${f('plate_ms')} dom_rows=${f('dom_rows_paged')}`,
);
