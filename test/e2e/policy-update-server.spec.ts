/**
 * Issue 14: the admin names the agency's own desk update server on the Policy screen (the hub's
 * `updateFeedUrl`). Anything but an https address is named in words as it is typed and holds save; a
 * good one reaches the hub and the change history names it; emptying the field removes it (desks then
 * never look for updates). Screenshots in both themes at both sizes (69-policy-update-server-*), axe clean.
 */
import { expect, test } from './fixtures.js';
import { ADMIN, addAdmin, asAdmin, shootEverywhere, signInAs } from './accounts-support.js';

test.setTimeout(600_000);

test('Policy: the desk update server is checked as typed, saved to the hub, and removed by emptying it', async ({
  page,
  desk,
}) => {
  await addAdmin(desk);
  await signInAs(page, desk.host.url, ADMIN);
  await page.getByRole('button', { name: 'Policy' }).click();
  const screen = page.getByTestId('policy-screen');
  const field = screen.getByTestId('policy-update-server');
  const save = screen.getByRole('button', { name: 'Save policy' });
  const feed = async (): Promise<unknown> =>
    ((await asAdmin(desk, 'GET', '/policy')) as { updateFeedUrl?: unknown }).updateFeedUrl;

  await field.fill('http://updates.isp.example.gov/opentas/');
  await expect(screen.getByRole('alert')).toContainText('Desk update server: give an https:// address');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  expect(await feed()).toBeUndefined();

  const server = 'https://updates.isp.example.gov/opentas/';
  await field.fill(server);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await save.click();
  await expect(screen.getByRole('status')).toContainText('Every desk receives it now');
  await expect.poll(feed).toBe(server);
  await expect(page.getByTestId('policy-change').first()).toContainText(
    `Desk update server: not set → ${server}`,
  );
  await field.scrollIntoViewIfNeeded();
  await shootEverywhere(page, '69-policy-update-server');

  await field.fill('');
  await save.click();
  await expect.poll(feed).toBeUndefined();
});
