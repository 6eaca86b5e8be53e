/**
 * Issue 9, sign-in flows and session ends in the real renderer against a real hub: a one-use
 * password is replaced at first sign-in, a required second factor is set up from the QR code's
 * secret (the code is computed here from the secret the screen shows), a disabled user is put
 * out of a live console at once with the reason in words and no plate left on screen, and the
 * lockout, certification and quit-while-locked messages read plainly.
 */
import { authenticator } from 'otplib';
import { expect, shot, signIn, test, TROOPER } from './fixtures.js';
import { ADMIN, addAdmin, asAdmin, secondHost, shootEverywhere, shootOnce, signInAs } from './accounts-support.js';
import { makeHit } from '../support/hits.js';
import { DESK_PASSWORD } from '../support/passwords.js';

// Each test shoots its screens in two themes at two sizes, with an axe run each: more than the default 90 s.
test.describe.configure({ timeout: 600_000 });

test('first sign-in: the one-use password is replaced, then the required authenticator is set up from the QR secret', async ({ page, desk }) => {
  await addAdmin(desk);
  const { temporaryPassword } = (await asAdmin(desk, 'POST', `/users/${desk.trooperId}/password`)) as { temporaryPassword: string };
  // Last: from now on the hub limits every account without a second factor, the admin's too.
  const policy = (await asAdmin(desk, 'GET', '/policy')) as Record<string, unknown>;
  await asAdmin(desk, 'PUT', '/policy', { ...policy, mfaRequired: true });

  await page.goto(desk.host.url);
  await page.getByLabel('Username').fill(TROOPER.username);
  await page.getByLabel('Password').fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const steps = page.getByTestId('setup-steps');
  await expect(steps).toHaveAttribute('data-step', 'change_password');
  await shootEverywhere(page, '70-first-sign-in-new-password');

  const newPassword = 'Winter-Patrol-Lake-Shore-7';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill('something else entirely');
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('The two passwords are not the same.');
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Set password and continue' }).click();

  await expect(steps).toHaveAttribute('data-step', 'enroll_otp');
  const qr = page.getByTestId('otp-qr');
  await expect(qr).toBeVisible();
  const drawn = await qr.evaluate((img) => {
    const image = img as unknown as { complete: boolean; naturalWidth: number };
    return image.complete && image.naturalWidth > 100;
  });
  expect(drawn).toBe(true);
  const secret = ((await page.getByTestId('otp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await shootEverywhere(page, '71-first-sign-in-authenticator');

  await page.getByLabel('Code shown in the app').fill(authenticator.generate(secret) === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await page.getByLabel('Code shown in the app').fill(authenticator.generate(secret));
  await page.getByRole('button', { name: 'Confirm code' }).click();

  await expect(steps).toHaveAttribute('data-step', 'next_otp');
  await shot(page, '72-first-sign-in-next-code');
  // Each code works once: the sign-in takes the app's next one (the hub accepts one step either side).
  await page.getByLabel('New code from the app').fill(authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);

  // The old one-use password no longer works; the new one needs a code.
  const login = await fetch(`${desk.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: TROOPER.username, password: temporaryPassword }) });
  expect(login.status).toBe(401);
});

test('a disabled trooper is put out of a live console at once: no plate left, the reason in words', async ({ page, desk, context }) => {
  await addAdmin(desk);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', plate: 'KCK4242' }));
  await expect(page.getByTestId('plate-read')).toContainText('KCK4242');

  const adminDesk = await secondHost(desk);
  try {
    const adminPage = await context.newPage();
    await signInAs(adminPage, adminDesk.url, ADMIN);
    await adminPage.getByRole('button', { name: 'Users' }).click();
    await adminPage.getByTestId('user-row').filter({ hasText: TROOPER.displayName }).getByRole('button').click();
    await adminPage.getByRole('button', { name: 'Disable account' }).click();
    await adminPage.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(adminPage.getByTestId('user-editor').getByRole('status')).toHaveText('Account disabled.');

    // The hub ends the socket within 5 s; the desk forgets the session and says why.
    await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', 'disabled', { timeout: 10_000 });
    await expect(page.getByTestId('session-ended')).toContainText('Your account was disabled');
    await expect(page.locator('body')).not.toContainText('KCK4242');
    await expect(page.getByLabel('Username')).toBeVisible();
    await shootEverywhere(page, '73-session-ended-disabled');

    await page.getByLabel('Username').fill(TROOPER.username);
    await page.getByLabel('Password').fill(TROOPER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /disabled/i }).last()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await adminPage.close();
  } finally {
    await adminDesk.dispose();
  }
});

test('ending all sessions, a lockout and a lapsed certification are said in plain words', async ({ page, desk }) => {
  await addAdmin(desk);
  await signIn(page, desk);
  await asAdmin(desk, 'DELETE', `/users/${desk.trooperId}/sessions`);
  await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', 'revoked', { timeout: 10_000 });
  await expect(page.getByTestId('session-ended')).toContainText('An administrator ended your session');

  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Username').fill('tpr.ortega');
    await page.getByLabel('Password').fill(`not-the-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').last()).toBeVisible();
  }
  await page.getByLabel('Password').fill(DESK_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').last()).toHaveText(/locked after too many failed sign-ins/);
  await shot(page, '74-sign-in-locked-out');

  await desk.hub.admin.addUser({
    username: 'tpr.lapsed',
    password: DESK_PASSWORD,
    displayName: 'Tpr. Pat Lapsed',
    roles: ['trooper'],
    unit: 'Troop 3',
    leadsCertifiedUntil: new Date(Date.now() - 86_400_000).toISOString(),
  });
  await page.getByLabel('Username').fill('tpr.lapsed');
  await page.getByLabel('Password').fill(DESK_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').last()).toHaveText(/LEADS certification or ALPR training has lapsed/);
  await shot(page, '75-sign-in-certification-lapsed');
});

test('quitting from the tray while locked asks for the password on the lock screen', async ({ page, desk }) => {
  await signIn(page, desk);
  desk.host.idle.goIdle();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  expect(desk.host.app.requestQuit()).toBe('password_needed');
  await expect(page.getByTestId('quit-ask')).toBeVisible();
  await shootOnce(page, '76-locked-quit-asks-password');

  await page.getByRole('button', { name: 'Keep running' }).click();
  await expect(page.getByTestId('quit-ask')).toHaveCount(0);
  await expect(page.getByTestId('lock-screen')).toBeVisible();

  expect(desk.host.app.requestQuit()).toBe('password_needed');
  await page.getByLabel('Password').fill('not-my-password-1');
  await page.getByRole('button', { name: 'Quit OpenTAS' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /password|credentials/i })).toBeVisible();
  await expect(page.getByTestId('quit-ask')).toBeVisible();
  await page.getByLabel('Password').fill(TROOPER.password);
  await page.getByRole('button', { name: 'Quit OpenTAS' }).click();
  // The browser host has no process to end: the hub took the password and the gate let the quit through.
  await expect(page.getByTestId('quit-ask')).toHaveCount(0);
  expect(desk.host.app.requestQuit()).toBe('quitting');
});
