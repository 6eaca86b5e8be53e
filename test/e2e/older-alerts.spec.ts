/**
 * A desk keeps its most recent alerts in memory (200; 20 here, so the test stays light); the ones
 * before them must still be reachable from the All alerts screen, never silently gone. 32 alerts
 * arrive: the list shows 20 and offers the 12 older ones, which it reads back from the desk's
 * encrypted store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../src/webhost/web-host.js';
import { expect, signIn, test } from './fixtures.js';
import { makeHit } from '../support/hits.js';

test('All alerts offers the alerts older than the ones kept in memory and lists them on request', async ({ page, desk }) => {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-older-'));
  const host = await startWebHost({ hubUrl: desk.hub.url, dataDir: dir, port: 0, inboxMemoryLimit: 20 });
  try {
    await signIn(page, { ...desk, host });
    const first = makeHit({ category: 'registration', plate: 'FIRST01' });
    await desk.postHit(first);
    for (let i = 1; i < 31; i++) await desk.postHit(makeHit({ category: 'registration' }));
    await desk.postHit(makeHit({ category: 'registration', plate: 'LAST032' }));
    // Each new alert brings a trooper to the Alerts screen: go to All alerts only once the last has
    // arrived (one socket, in seq order: then all have), or a late one takes the page back.
    await expect(page.getByTestId('queue').getByText('LAST032')).toBeVisible({ timeout: 60_000 });
    await page.goto(`${host.url}#/all`);
    const rows = page.getByTestId('alert-table').locator('tbody tr');
    await expect(rows).toHaveCount(20, { timeout: 60_000 });
    await expect(rows.filter({ hasText: 'FIRST01' })).toHaveCount(0);
    const more = page.getByRole('button', { name: 'Show older alerts (12 more)' });
    await expect(more).toBeVisible();
    await more.click();
    await expect(rows).toHaveCount(32);
    await expect(more).toHaveCount(0);
    // The first alert that arrived is the last row.
    await expect(rows.last()).toContainText('FIRST01');
    await page.screenshot({ path: 'test-results/screens/all-alerts-older-dark.png', fullPage: true });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
