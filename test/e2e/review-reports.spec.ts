/**
 * Issue 10: metrics and charts, the monthly report (on screen as the hub computes it, its PDF
 * rendered to PNG with pdftoppm and its CSV downloaded through the main process, each download then
 * listed as an export), the chain indicator turning red after the SQLite file is edited by hand, and
 * the escalation banner with its sound and the tray when an alert goes 10 minutes unverified (the
 * hub's clock is moved, never slept).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { playedSounds, recordSounds } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { signInSupervisor, startReviewDesk, workAlerts, type ReviewDesk } from './review-desk.js';

const SEED = Number(process.env.REVIEW_SEED ?? 20261201);
let desk: ReviewDesk;

test.afterEach(async () => {
  await desk?.close();
});

test('metrics and charts, the monthly report with its PDF and CSV, exports recorded, and a red chain after a hand edit', async ({
  page,
}) => {
  test.setTimeout(300_000);
  desk = await startReviewDesk();
  await workAlerts(desk, 30, SEED);
  // One verification whose reference appears once in the file: the byte the tamper step edits.
  const marked = makeHit({ plate: 'TMP1234', category: 'stolen', readAt: desk.clock.now().toISOString() });
  await desk.post(marked);
  expect((await desk.ack(0, { alertId: marked.id, type: 'acknowledged' })).ok).toBe(true);
  const verification = {
    system: 'LEADS' as const,
    result: 'confirmed' as const,
    queryReference: 'L-TAMPER-ME',
    plateMatchesImage: true,
    stateMatches: true,
  };
  expect((await desk.ack(0, { alertId: marked.id, type: 'verified', verification })).ok).toBe(true);
  const month = desk.clock.now().toISOString().slice(0, 7);
  await signInSupervisor(page, desk);

  // Metrics: the cards, both uPlot charts drawn, the category bars, per unit and per user.
  await page.goto(`${desk.host.url}#/review/metrics`);
  await expect(page.getByTestId('metric-cards')).toContainText('Delivered');
  await expect(page.getByTestId('chart-verify')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('chart-hour')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('chart-category').locator('li')).not.toHaveCount(0);
  await expect(page.getByTestId('metrics-units')).toContainText('Troop 5');
  await expect(page.getByTestId('metrics-users')).toContainText('tpr.31');

  // The monthly report: on screen what the hub computes.
  await page.goto(`${desk.host.url}#/reports/monthly`);
  await page.getByTestId('report-month').fill(month);
  const report = page.getByTestId('monthly-report');
  await expect(report).toContainText('Law enforcement sensitive');
  await expect(page.getByTestId('r-delivered')).toContainText('31');
  const acked = Number(
    (await page.getByTestId('r-acknowledged').locator('td').first().innerText()).replace(/,/g, ''),
  );
  const never = Number(
    (await page.getByTestId('r-never').locator('td').first().innerText()).replace(/,/g, ''),
  );
  expect(acked + never).toBe(31);

  // The PDF, saved through the main process, rendered to PNG and kept for a look.
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('download-pdf').click();
  const pdf = await pdfDownload;
  const pdfPath = join('test-results', 'screens', `review-monthly-${month}.pdf`);
  await pdf.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    join('test-results', 'screens', 'review-70-monthly-pdf-page1'),
  ]);
  await expect(page.getByTestId('download-pdf-status')).toContainText('recorded this export');

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('download-csv').click();
  const csv = await csvDownload;
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText).toContain('delivered');

  // Both downloads are listed as exports.
  await page.getByTestId('reports-tab-exports').click();
  const exportsTable = page.getByTestId('exports-table');
  await expect(exportsTable).toContainText('(PDF)');
  await expect(exportsTable).toContainText('(CSV)');
  await expect(exportsTable).toContainText('sgt.hale');

  // The sharing report: what came from which network and source.
  await page.getByTestId('reports-tab-sharing').click();
  await page.getByTestId('report-month').fill(month);
  await expect(page.getByTestId('sharing-report')).toContainText('NCIC');

  // The chain: intact, then a byte of one entry edited in the SQLite file (hub stopped and started
  // again on the same port, as an intruder with a hex editor would), and red on "Check again".
  await page.goto(`${desk.host.url}#/review/chain`);
  const chain = page.locator('[data-testid=chain]').last();
  await expect(chain).toHaveAttribute('data-state', 'intact');
  await desk.restartHub(() => {
    const file = join(desk.dataDir, 'hub.sqlite');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('L-TAMPER-ME');
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf('L-TAMPER-ME', at + 1)).toBe(-1);
    bytes.write('L-TAMPERED!', at);
    writeFileSync(file, bytes);
  });
  await chain.getByTestId('chain-recheck').click();
  await expect(chain).toHaveAttribute('data-state', 'broken');
  await expect(chain).toContainText('LOG BROKEN at entry');
});

test('an alert left unverified 10 minutes raises the banner, the overdue sound and the tray at the supervisor’s desk', async ({
  page,
}) => {
  test.setTimeout(180_000);
  desk = await startReviewDesk({ troopersPerUnit: 1 });
  await recordSounds(page);
  await signInSupervisor(page, desk);
  const hit = makeHit({ plate: 'ESC4242', category: 'stolen', readAt: desk.clock.now().toISOString() });
  await desk.post(hit);
  // The Troop 3 trooper acknowledges and then does nothing more.
  expect((await desk.ack(0, { alertId: hit.id, type: 'acknowledged' })).ok).toBe(true);
  await desk.advance(9 * 60_000);
  expect(await desk.hub.runEscalation()).toHaveLength(0);
  await desk.advance(61_000);
  expect(await desk.hub.runEscalation()).toHaveLength(1);

  const banner = page.getByTestId('escalation-banner');
  await expect(banner).toContainText('ESCALATED');
  await expect(banner).toContainText('ESC4242');
  await expect(banner).toContainText('Troop 3');
  await expect.poll(() => playedSounds(page)).toContain('overdue');
  expect(desk.host.tray.escalations.map((e) => e.alertId)).toEqual([hit.id]);

  await banner.getByRole('button', { name: 'Open trail' }).click();
  await expect(page.getByTestId('trail-escalated')).toBeVisible();
  await expect(page.getByTestId('timeline').locator('tr[data-kind=escalated]')).toHaveCount(1);
  await expect(banner).toHaveCount(0);
});
