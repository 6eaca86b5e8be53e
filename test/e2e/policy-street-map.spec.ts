/**
 * Issue 8: the admin sets the agency's street map on the Policy screen (the hub's `baseMap`), so
 * every desk draws the same map. A path the hub would refuse is named in words as it is typed and
 * holds save; a good one reaches the hub; emptying the field removes it. Screenshots of the
 * Policy screen with the field in both themes at both sizes (68-policy-street-map-*), axe clean.
 */
import { expect, test } from './fixtures.js';
import { ADMIN, addAdmin, asAdmin, shootEverywhere, signInAs } from './accounts-support.js';

test.setTimeout(600_000);

test("Policy: the agency's street map is checked as typed, saved to the hub, and removed by emptying it", async ({ page, desk }) => {
  await addAdmin(desk);
  await signInAs(page, desk.host.url, ADMIN);
  await page.getByRole('button', { name: 'Policy' }).click();
  const screen = page.getByTestId('policy-screen');
  const field = screen.getByTestId('policy-street-map');
  const save = screen.getByRole('button', { name: 'Save policy' });

  await field.fill('maps/illinois.pmtiles');
  await expect(screen.getByRole('alert')).toContainText('Street map: give a full path');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  expect(((await asAdmin(desk, 'GET', '/policy')) as { baseMap?: unknown }).baseMap).toBeUndefined();

  const archive = '\\\\maps-server\\gis\\illinois-streets.pmtiles';
  await field.fill(archive);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await save.click();
  await expect(screen.getByRole('status')).toContainText('Every desk receives it now');
  await expect.poll(async () => ((await asAdmin(desk, 'GET', '/policy')) as { baseMap?: { pmtiles: string } }).baseMap).toEqual({ pmtiles: archive });
  await expect(page.getByTestId('policy-change').first()).toContainText('Street map');
  await field.scrollIntoViewIfNeeded();
  await shootEverywhere(page, '68-policy-street-map');

  await field.fill('');
  await save.click();
  await expect.poll(async () => ((await asAdmin(desk, 'GET', '/policy')) as { baseMap?: unknown }).baseMap).toBeUndefined();
});
