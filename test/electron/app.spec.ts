/**
 * The Electron app end to end: a real hub, the built app launched by Playwright's `_electron`,
 * the security set-up seen from the page, sign-in through window.tas, and the always-on-top popup
 * opening for an alert. Runs only where the Electron binary is installed (see run.mjs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { makeHit } from '../fakes/hits.js';
import type { TasApi } from '../../src/shared/ipc.js';

/** The page's global as the test sees it (this tsconfig has no DOM types). */
type PageGlobal = { tas: TasApi; require?: unknown; process?: unknown };

const ROOT = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'Correct-Horse-42';

let hub: RunningHub;
let hubDir: string;
let userData: string;

test.beforeAll(async () => {
  hubDir = await mkdtemp(join(tmpdir(), 'opentas-e2e-hub-'));
  userData = await mkdtemp(join(tmpdir(), 'opentas-e2e-app-'));
  hub = await startHub({ port: 0, dataDir: hubDir });
  await hub.admin.addUser({ username: 'trooper1', password: PASSWORD, roles: ['trooper'], unit: 'Troop 3' });
});

test.afterAll(async () => {
  await hub.close();
  await rm(hubDir, { recursive: true, force: true });
  await rm(userData, { recursive: true, force: true });
});

test('the app starts locked down, signs in, and pops up an alert', async () => {
  const app = await electron.launch({
    args: [ROOT],
    cwd: ROOT,
    env: { ...process.env, OPENTAS_HUB_URL: hub.url, OPENTAS_USER_DATA: userData },
  });
  try {
    const consoleWindow = await app.firstWindow();
    await expect.poll(() => consoleWindow.url()).toContain('app://opentas/');
    const isolation = await consoleWindow.evaluate(() => {
      const page = globalThis as unknown as PageGlobal;
      return { require: typeof page.require, process: typeof page.process, tas: Object.keys(page.tas).sort().join(',') };
    });
    expect(isolation).toEqual({ require: 'undefined', process: 'undefined', tas: 'invoke,on' });

    const signedIn = await consoleWindow.evaluate(
      (password) => (globalThis as unknown as PageGlobal).tas.invoke('session:signIn', { username: 'trooper1', password }),
      PASSWORD,
    );
    expect(signedIn).toMatchObject({ ok: true });
    await expect
      .poll(() => consoleWindow.evaluate(async () => (await (globalThis as unknown as PageGlobal).tas.invoke('link:presence')).state))
      .toBe('connected');

    const popupOpened = app.waitForEvent('window');
    const key = await hub.admin.addIngestKey('e2e');
    await fetch(`${hub.url}/api/v1/hits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(makeHit()),
    });
    const popup = await popupOpened;
    expect(popup.url()).toContain('#popup');
    await popup.screenshot({ path: join(ROOT, 'test-results/screens/electron-popup.png') });
  } finally {
    await app.close();
  }
});
