/**
 * Issue 5, the idle lock: criminal-justice information is hidden; a new alert still sounds and
 * shows only its category with "unlock to view"; unlocking needs the password.
 */
import { expect, playedSounds, recordSounds, shot, signIn, test, TROOPER } from './fixtures.js';
import { makeHit } from '../support/hits.js';

test('the idle lock hides the plate; new alerts sound and show only their category', async ({ page, desk }) => {
  await recordSounds(page);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', plate: 'LCK1111' }));
  await expect(page.getByTestId('plate-read')).toContainText('LCK1111');
  await page.getByTestId('ack-now').click();
  await expect(page.getByTestId('ack-now')).toHaveCount(0);

  // The policy's idle time has passed (the host's idle source says so).
  desk.host.idle.goIdle();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('LCK1111');
  await shot(page, '30-locked');

  await desk.postHit(makeHit({ category: 'amber', plate: 'AMB9999' }));
  await expect(page.getByTestId('locked-alert')).toHaveCount(2);
  await expect(page.getByTestId('locked-alert').filter({ hasText: 'AMBER ALERT' })).toContainText('unlock to view');
  await expect(page.locator('body')).not.toContainText('AMB9999');
  await expect.poll(() => playedSounds(page)).toContain('urgent');
  await shot(page, '31-locked-new-alert');

  await page.getByLabel('Password').fill('not-my-password-1');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /password|credentials/i })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('AMB9999');
  await shot(page, '32-unlock-wrong-password');

  await page.getByLabel('Password').fill(TROOPER.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'amber');
  await expect(page.getByTestId('plate-read')).toContainText('AMB9999');
});
