/**
 * Issue 12, the evidence export from the alert view: offered once an action was taken; an
 * out-of-state recipient without the declaration is refused with the hub's reason shown; with the
 * declaration the package is saved by the main process (the page shows where) and
 * `opentas-hub evidence verify` passes on that file. Screenshots 74-evidence-* in both themes and
 * sizes, axe clean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, signIn, test } from './fixtures.js';
import { shootEverywhere } from './accounts-support.js';
import { makeHit } from '../support/hits.js';

test.setTimeout(600_000);

test('out of state without a declaration is refused with the reason; with one the package is saved and verifies', async ({ page, desk }) => {
  await signIn(page, desk);
  const hit = makeHit({ category: 'stolen', plate: 'EVD4471' });
  await desk.postHit(hit);
  const gate = page.getByTestId('gate');
  await gate.getByTestId('ack-button').click();
  const form = gate.getByTestId('verify-form');
  await form.getByLabel('LEADS', { exact: true }).check();
  await form.getByLabel(/^Confirmed/).check();
  await form.getByLabel(/plate in the image matches/).check();
  await form.getByLabel(/state matches/).check();
  await form.getByTestId('verify-submit').click();
  await expect(page.getByTestId('export-evidence')).toHaveCount(0);
  await gate.getByTestId('action-form').getByLabel(/Case number/).fill('2026-004417');
  await gate.getByTestId('action-submit').click();
  await expect(page.getByTestId('popup-empty')).toBeVisible();

  // The alert, opened again from the list: now it can be exported.
  await page.getByRole('button', { name: 'All alerts' }).click();
  await page.getByRole('button', { name: 'Open alert EVD4471' }).click();
  await page.getByTestId('export-evidence').click();
  const ev = page.getByTestId('evidence-form');
  await ev.getByLabel('Purpose').fill('prosecution of the stolen vehicle case');
  await expect(ev.getByLabel('Case number')).toHaveValue('2026-004417');
  await ev.getByLabel('Recipient agency').fill('Lake County Sheriff');
  await ev.getByTestId('evidence-state').selectOption('IN');
  await expect(ev.getByTestId('evidence-declaration')).toBeVisible();
  await ev.getByTestId('evidence-submit').click();
  await expect(ev.getByTestId('hub-problem')).toHaveAttribute('data-code', 'declaration_required');
  await expect(ev.getByTestId('hub-problem')).toContainText('625 ILCS 5/2-130');
  await ev.scrollIntoViewIfNeeded();
  await shootEverywhere(page, '74-evidence-refused');

  await ev.getByLabel('Declaration text, as signed').fill('Used only for the investigation of case 24-CR-1187, as 625 ILCS 5/2-130 requires.');
  await ev.getByLabel('Signed by (name, title, agency)').fill('Det. Ann Moore, Lake County IN Sheriff');
  await ev.getByLabel('Signed on').fill('2026-11-30T09:00');
  await ev.getByTestId('evidence-submit').click();
  const saved = ev.getByTestId('evidence-saved');
  await expect(saved).toContainText('Saved to');
  const path = (await saved.locator('code').first().textContent()) ?? '';
  expect(path).toMatch(/users[/\\][^/\\]+[/\\]evidence[/\\]evidence-.*\.zip$/);
  expect(existsSync(path)).toBe(true);
  await shootEverywhere(page, '74-evidence-saved');

  const verify = spawnSync(process.execPath, ['bin/opentas-hub.js', 'evidence', 'verify', path], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toContain('files match the manifest');
});
