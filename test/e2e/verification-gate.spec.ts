/**
 * Issue 5, the verification gate: flags for a wrong-state hit; no action before a confirmed,
 * attested verification; a not-confirmed verification leads to close with a reason; "Copy for
 * report"; "Taken by". (The hub's refusal display is covered in test/unit/renderer: the client
 * refuses the wrong path before the hub could.)
 */
import { expect, shot, signIn, test } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { DESK_PASSWORD } from '../support/passwords.js';

test('a wrong-state, lookalike-plate hit raises the flags', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(
    makeHit({
      category: 'stolen',
      plate: 'B8O1230',
      plateState: 'IN',
      confidence: 0.62,
      hotlist: { source: 'NCIC', plate: 'B8O1Z30', state: 'IL', reason: 'Stolen vehicle', enteredAt: new Date(Date.now() - 400 * 86_400_000).toISOString() },
    }),
  );
  await expect(page.locator('[data-flag="state_mismatch"]')).toContainText('State differs: read IN, hot list IL');
  await expect(page.locator('[data-flag="plate_mismatch"]')).toContainText('lookalike');
  await expect(page.locator('[data-flag="low_confidence"]')).toBeVisible();
  await expect(page.locator('[data-flag="old_entry"]')).toBeVisible();
  await expect(page.getByTestId('plate-read').locator('.pc-lookalike')).toHaveCount(1);
  // The zero is drawn slashed; the letter O beside it is not.
  await expect(page.getByTestId('plate-read').locator('.pc-zero')).toHaveCount(1);
  await expect(page.getByTestId('plate-read').locator('.pc-zero')).toHaveText('0');
  await shot(page, '20-flags-wrong-state');
});

test('action taken is impossible before a confirmed, attested verification', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony', plate: 'FEL2026' }));
  const gate = page.getByTestId('gate');

  // Before anything: no action form, no verify form, only Acknowledge.
  await expect(gate.getByTestId('action-form')).toHaveCount(0);
  await expect(gate.getByTestId('verify-form')).toHaveCount(0);
  await expect(gate.getByTestId('action-locked')).toBeVisible();
  await gate.getByTestId('ack-button').click();

  // Confirmed but without the attestations: recorded, and action stays impossible.
  const form = gate.getByTestId('verify-form');
  await form.getByLabel('LEADS', { exact: true }).check();
  await form.getByLabel(/^Confirmed/).check();
  await expect(form).toContainText('Without both attestations');
  await form.getByTestId('verify-submit').click();
  await expect(gate.getByTestId('verification-summary')).toContainText('CONFIRMED');
  await expect(gate.getByTestId('action-form')).toHaveCount(0);
  await expect(gate.getByTestId('action-locked')).toContainText('no enforcement action');
  await shot(page, '21-confirmed-not-attested');

  // A new verification, confirmed and both attested: now the action form appears.
  await gate.getByTestId('reverify').click();
  await form.getByLabel('Both', { exact: true }).check();
  await form.getByLabel(/^Confirmed/).check();
  await form.getByLabel(/plate in the image matches/).check();
  await form.getByLabel(/state matches/).check();
  await form.getByLabel(/Transaction reference/).fill('L-77812');
  await form.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verified-banner')).toBeVisible();
  const action = gate.getByTestId('action-form');
  await expect(action).toBeVisible();
  await expect(action.getByTestId('action-submit')).toBeDisabled();
  await shot(page, '22-verified-action-form');
  await action.getByLabel(/Case number/).fill('2026-00123');
  await action.getByTestId('action-submit').click();
  await expect(page.getByTestId('popup-empty')).toBeVisible();

  // The hub's trail has all three steps, in order.
  await page.getByRole('button', { name: 'All alerts' }).click();
  await expect(page.getByTestId('alert-table')).toContainText('action taken');
});

test('not confirmed leads to close with a reason; Copy for report gives the ALPR facts', async ({ page, desk, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', plate: 'NOC5555' }));
  await expect(page.getByTestId('alert-card')).toBeVisible();
  const gate = page.getByTestId('gate');
  await page.keyboard.press('a');
  const form = gate.getByTestId('verify-form');
  await form.getByLabel('NCIC', { exact: true }).check();
  await form.getByLabel('Not confirmed').check();
  await form.getByTestId('verify-submit').click();
  await expect(gate.getByTestId('verification-summary')).toContainText('NOT CONFIRMED');
  await expect(gate.getByTestId('action-form')).toHaveCount(0);
  const close = gate.getByTestId('close-form');
  await expect(close.getByLabel('Close reason')).toHaveValue('not_confirmed');

  await page.getByTestId('copy-report').click();
  await expect(page.getByTestId('report-text')).toContainText('ALPR type: expressway camera');
  await expect(page.getByTestId('report-text')).toContainText('Cook County, Illinois');
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toContain('I-94 NB @ 35th St');
  await shot(page, '23-not-confirmed-close');

  await close.getByLabel('Close reason').selectOption('misread');
  await close.getByTestId('close-submit').click();
  await expect(page.getByTestId('popup-empty')).toBeVisible();

  // The same plate again: "previously closed as misread".
  await desk.postHit(makeHit({ category: 'stolen', plate: 'NOC5555' }));
  await expect(page.locator('[data-flag="previously_misread"]')).toBeVisible();
  await shot(page, '24-previously-misread');
});

test('"Taken by" shows when another trooper acknowledged the alert', async ({ page, desk, browser }) => {
  const { startWebHost } = await import('../../src/webhost/web-host.js');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const other = await startWebHost({ hubUrl: desk.hub.url, dataDir: mkdtempSync(`${tmpdir()}/opentas-other-`), port: 0 });
  try {
    const otherPage = await browser.newPage();
    await signIn(page, desk);
    await signIn(otherPage, { ...desk, host: other }, { username: 'tpr.ortega', password: DESK_PASSWORD, displayName: '' });
    await desk.postHit(makeHit({ category: 'stolen', plate: 'TKN7777' }));
    await expect(otherPage.getByTestId('alert-card')).toBeVisible();
    await otherPage.keyboard.press('a');
    await expect(page.getByTestId('taken-by')).toContainText('Taken by tpr.ortega');
    await shot(page, '26-taken-by');
    await otherPage.close();
  } finally {
    await other.close();
  }
});

test('nothing typed or attested for one alert carries over to the next (one card, the map kept, the forms afresh)', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony', plate: 'CRY1111' }));
  await desk.postHit(makeHit({ category: 'felony', plate: 'CRY2222', location: { lat: 39.7817, lon: -89.6501 } }));
  await expect(page.getByTestId('queue-count')).toContainText('2 open alerts');
  const card = page.getByTestId('alert-card');
  const gate = page.getByTestId('gate');
  const form = gate.getByTestId('verify-form');
  // Picked in the queue (the arrows belong to a field being typed in).
  const lines = page.getByTestId('queue').locator('[data-alert-id]');
  const show = async (n: number, plate: string) => {
    await lines.nth(n).click();
    await expect(card).toContainText(plate);
  };
  const expectEmpty = async () => {
    await expect(form.getByLabel('LEADS', { exact: true })).not.toBeChecked();
    await expect(form.getByLabel(/^Confirmed/)).not.toBeChecked();
    await expect(form.getByLabel(/plate in the image matches/)).not.toBeChecked();
    await expect(form.getByLabel(/state matches/)).not.toBeChecked();
    await expect(form.getByLabel(/Transaction reference/)).toHaveValue('');
  };

  // Both acknowledged, so each shows its verification form at once.
  await show(1, 'CRY2222');
  await gate.getByTestId('ack-button').click();
  await expect(form).toBeVisible();
  await show(0, 'CRY1111');
  await gate.getByTestId('ack-button').click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  const canvas = await page.getByTestId('map').locator('canvas').elementHandle();

  // The first alert's verification half filled in, both attestations ticked, never recorded.
  await form.getByLabel('LEADS', { exact: true }).check();
  await form.getByLabel(/^Confirmed/).check();
  await form.getByLabel(/plate in the image matches/).check();
  await form.getByLabel(/state matches/).check();
  await form.getByLabel(/Transaction reference/).fill('L-CARRY-1');
  await expect(page.getByTestId('facts')).toContainText('Cook County');

  // The other alert: its own empty form and county; the same map element, its camera moved.
  await show(1, 'CRY2222');
  await expectEmpty();
  await expect(page.getByTestId('facts')).toContainText('Sangamon County');
  expect(await canvas!.evaluate((c) => c.isConnected && c.closest('[data-testid="alert-card"]') !== null)).toBe(true);

  // Back to the first: what was typed there was never recorded, and is gone.
  await show(0, 'CRY1111');
  await expectEmpty();
  await expect(page.getByTestId('facts')).toContainText('Cook County');
});
