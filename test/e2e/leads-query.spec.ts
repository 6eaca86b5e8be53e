/**
 * Issue 12, the LEADS/NCIC query text: the admin sets the agency's template and ORI on the Policy
 * screen (an unknown {FIELD} is named as typed and holds save); the trooper's popup copies the
 * query for the hit to the clipboard; the query reference typed back is checked for form only;
 * "Copy for report" then carries the verification and the action with its case number.
 * Screenshots 70-policy-leads-query-* and 71-popup-leads-query-* in both themes and sizes, axe clean.
 */
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';
import { ADMIN, addAdmin, shootEverywhere, signInAs } from './accounts-support.js';
import { makeHit } from '../support/hits.js';

test.setTimeout(600_000);

const readClipboard = (page: Page): Promise<string> =>
  page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());

test('the policy template is checked as typed; the popup copies the query; the reference is checked for form', async ({ page, desk, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await addAdmin(desk);
  await signInAs(page, desk.host.url, ADMIN);
  await page.getByRole('button', { name: 'Policy' }).click();
  const screen = page.getByTestId('policy-screen');
  const template = screen.getByTestId('policy-query-template');
  const save = screen.getByRole('button', { name: 'Save policy' });
  await expect(template).toHaveValue('QV.{ORI}.LIC/{PLATE}.LIS/{STATE}');

  await template.fill('QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.VMA/{MAKE}');
  await expect(screen.getByTestId('policy-query-problem')).toHaveText('Unknown field {MAKE} in the query template: use {PLATE}, {STATE}, {PLATE_TYPE}, {YEAR}, {ORI}.');
  await expect(save).toBeDisabled();
  await template.fill('QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.LIT/{PLATE_TYPE}');
  await screen.getByTestId('policy-ori').fill('il0849900');
  await expect(screen.getByTestId('policy-query-sample')).toHaveText('QV.IL0849900.LIC/ABC1234.LIS/IL');
  await save.click();
  await expect(screen.getByRole('status')).toContainText('Every desk receives it now');
  await expect(page.getByTestId('policy-change').first()).toContainText('LEADS query: not set → QV.{ORI}.LIC/{PLATE}.LIS/{STATE}.LIT/{PLATE_TYPE} with ORI IL0849900');
  await screen.getByTestId('policy-leads-query').scrollIntoViewIfNeeded();
  await shootEverywhere(page, '70-policy-leads-query');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, desk);
  // The hot-list entry is what the terminal confirms: its plate and state go in the query.
  await desk.postHit(makeHit({ category: 'stolen', plate: 'KP4471', plateState: 'WI', hotlist: { source: 'NCIC', plate: 'KP4471', state: 'WI', reason: 'Stolen vehicle' } }));
  const gate = page.getByTestId('gate');
  await gate.getByTestId('ack-button').click();
  await expect(gate.getByTestId('leads-query-text')).toHaveText('QV.IL0849900.LIC/KP4471.LIS/WI');
  await gate.getByTestId('copy-leads-query').click();
  await expect(gate.getByTestId('leads-query-status')).toContainText('Copied');
  expect(await readClipboard(page)).toBe('QV.IL0849900.LIC/KP4471.LIS/WI');

  const form = gate.getByTestId('verify-form');
  await form.getByLabel('LEADS', { exact: true }).check();
  await form.getByLabel(/^Confirmed/).check();
  await form.getByLabel(/plate in the image matches/).check();
  await form.getByLabel(/state matches/).check();
  const reference = form.getByLabel(/Transaction reference/);
  await reference.fill('checked it');
  await expect(form.getByTestId('query-reference-problem')).toContainText('without spaces');
  await expect(form.getByTestId('verify-submit')).toBeDisabled();
  await reference.fill('checked');
  await expect(form.getByTestId('query-reference-problem')).toContainText('at least one digit');
  await shootEverywhere(page, '71-popup-leads-query');
  await reference.fill('L-20261130-0042');
  await expect(form.getByTestId('query-reference-problem')).toHaveCount(0);
  await form.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verified-banner')).toBeVisible();
  const action = gate.getByTestId('action-form');
  await action.getByLabel(/Case number/).fill('2026-004417');
  await action.getByTestId('action-submit').click();
  await expect(page.getByTestId('popup-empty')).toBeVisible();
});
