/**
 * The walking skeleton (issue 2): sign in through the login banner, and a hit posted to the hub
 * shows up in the popup with its plate and category.
 */
import { expect, MAP_DRAWN, shot, signIn, test } from './fixtures.js';
import { makeHit as makeHitFor } from '../support/hits.js';

test('sign in, then a hit posted to the hub appears in the popup', async ({ page, desk }) => {
  await page.goto(desk.host.url);
  await expect(page.getByRole('region', { name: 'System use notice' })).toContainText('restricted');
  await shot(page, '01-sign-in');

  await page.getByLabel('Username').fill('tpr.kowalski');
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');
  await shot(page, '02-sign-in-error');

  await signIn(page, desk);
  await expect(page.getByTestId('popup-empty')).toBeVisible();
  await shot(page, '03-no-alerts');

  const hit = makeHitFor({ category: 'stolen', plate: 'XYZ9876' });
  // Measured, not asserted: POST to the hub -> popup on screen (hub, socket, client store, IPC
  // over the WebSocket, React), polled by Playwright so it includes up to one poll interval.
  const started = performance.now();
  await desk.postHit(hit);
  const card = page.getByTestId('alert-card');
  await expect(card).toHaveAttribute('data-alert-id', hit.id);
  console.log(`measure: hit posted -> popup visible in ${Math.round(performance.now() - started)} ms`);
  await expect(page.getByTestId('plate-read')).toContainText('XYZ9876');
  await expect(card.getByTestId('category-badge')).toContainText('STOLEN VEHICLE');
  await expect(page.getByTestId('unverified-banner')).toContainText('UNVERIFIED');
  // The picture as a trooper sees it a moment later: the map's outlines drawn, not only the marker.
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await shot(page, '04-popup-stolen');

  // The plate crop enlarges; Esc closes the picture, not the popup.
  await page.getByRole('button', { name: 'Plate image from the camera: enlarge' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '04b-plate-image-enlarged');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(card).toBeVisible();

  await page.getByRole('button', { name: 'All alerts' }).click();
  await expect(page.getByTestId('alert-table')).toContainText('XYZ9876');
  await shot(page, '05-console-list');
});

test('the Electron popup window mode (#popup) shows alerts only', async ({ page, desk }) => {
  await signIn(page, desk);
  await page.goto(`${desk.host.url}#popup`);
  await desk.postHit(makeHitFor({ category: 'felony', plate: 'POP4242' }));
  await expect(page.getByTestId('plate-read')).toContainText('POP4242');
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
  await expect(page.getByTestId('link-state')).toContainText('Receiving alerts');
  await shot(page, '06-popup-window-mode');
});

test('the demo hub of npm run dev:web: simulated hits reach the demo trooper', async ({ page }) => {
  const { startHub } = await import('../../src/backend/server.js');
  const { startWebHost } = await import('../../src/webhost/web-host.js');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/opentas-demo-`);
  const hub = await startHub({ port: 0, dataDir: `${dir}/hub`, demo: true, simulatePerMinute: 30 });
  const host = await startWebHost({ hubUrl: hub.url, dataDir: `${dir}/client`, port: 0 });
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(host.url);
    await page.getByLabel('Username').fill('trooper1');
    await page.getByLabel('Password').fill('Trooper-Demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('alert-card')).toBeVisible({ timeout: 60_000 });
    // Simulated hits keep coming; once acknowledged, the alert on screen stays put.
    await page.getByTestId('ack-now').click();
    await expect(page.getByTestId('gate')).toContainText('Acknowledged');
    await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 45_000 });
    await shot(page, '07-demo-simulated-hit');
  } finally {
    await host.close();
    await hub.close();
  }
});
