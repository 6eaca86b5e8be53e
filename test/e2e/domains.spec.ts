/**
 * Issue 11, data domains in the console: a Motor Carrier Safety (CVEB) trooper's top bar says their domain,
 * their desk shows a motor-carrier alert (DOT list) and never a general one, not even a statewide AMBER
 * alert; a general trooper's desk is the reverse. Screenshot of the CVEB console with its alert.
 */
import { expect, shot, signIn, test, TROOPER } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { DESK_PASSWORD } from '../support/passwords.js';

const CVEB = { username: 'ofc.mills', password: DESK_PASSWORD, displayName: 'Ofc. Rae Mills (CVEB)' };

const carrierHit = () =>
  makeHit({
    plate: 'TRK4821',
    category: 'felony',
    domain: 'motor_carrier',
    camera: { id: 'isp-weigh-07', name: 'I-55 SB weigh station @ Lake Springfield', type: 'stationary', network: 'isp' },
    hotlist: { source: 'DOT', plate: 'TRK4821', state: 'IL', reason: 'Out-of-service order: carrier operating authority revoked' },
  });
const amberHit = () => makeHit({ plate: 'AMB3301', category: 'amber' });

test('a motor-carrier desk says so, shows motor-carrier alerts and nothing else', async ({ page, desk }) => {
  test.setTimeout(180_000);
  await desk.hub.admin.addUser({ ...CVEB, roles: ['trooper'], unit: 'CVEB District 2', domain: 'motor_carrier' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, desk, CVEB);
  await expect(page.getByTestId('domain-badge')).toHaveText('Motor carrier · CVEB');

  // The AMBER alert goes first: once the motor-carrier one is on screen, the AMBER one was decided.
  await desk.postHit(amberHit());
  await desk.postHit(carrierHit());
  await expect(page.getByText('TRK4821').first()).toBeVisible();
  await expect(page.getByText('AMB3301')).toHaveCount(0);
  await expect(page.getByText('DOT', { exact: false }).first()).toBeVisible();
  await shot(page, '95-domain-cveb-console');
});

test('a general desk never shows a motor-carrier alert, and has no domain badge', async ({ page, desk }) => {
  test.setTimeout(180_000);
  await signIn(page, desk, TROOPER);
  await expect(page.getByTestId('domain-badge')).toHaveCount(0);
  await desk.postHit(carrierHit());
  await desk.postHit(amberHit());
  await expect(page.getByText('AMB3301').first()).toBeVisible();
  await expect(page.getByText('TRK4821')).toHaveCount(0);
});
