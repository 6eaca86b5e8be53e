/**
 * The Electron app end to end: a real hub, the built app launched by Playwright's `_electron`,
 * the security set-up seen from the page, sign-in through window.tas, the always-on-top popup for
 * an alert, a notification click opening that alert, the tray's states, the lock on idle, the quit
 * confirmation while locked and the single instance. Runs only where the Electron binary is
 * installed (see run.mjs); here it is type-checked only. What Playwright cannot reach (the tray,
 * OS notifications) is read through main-hooks.cjs, loaded with `-r` before the app.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { makeHit } from '../support/hits.js';
import type { TasApi } from '../../src/shared/ipc.js';
import { TEST_PASSWORD } from '../support/passwords.js';

/** The page's global as the test sees it (this tsconfig has no DOM types). */
type PageGlobal = { tas: TasApi; require?: unknown; process?: unknown };
/** What main-hooks.cjs records in the main process. */
type Seen = {
  tray: { toolTip: string; menu: { label: string; click: () => void }[] };
  notifications: { title: string; body: string; emit: (event: string) => void }[];
};
// Functions given to app.evaluate / page.evaluate run in the app, not here: they name only their
// own arguments and globals (no helper of this file).

const ROOT = new URL('../../', import.meta.url).pathname;
const HOOKS = new URL('./main-hooks.cjs', import.meta.url).pathname;
// In Node, the electron package's export is the path of its binary.
const ELECTRON_BINARY = createRequire(import.meta.url)('electron') as string;

let hub: RunningHub;
let hubDir: string;
let userData: string;

test.beforeEach(async () => {
  hubDir = await mkdtemp(join(tmpdir(), 'opentas-e2e-hub-'));
  userData = await mkdtemp(join(tmpdir(), 'opentas-e2e-app-'));
  hub = await startHub({ port: 0, dataDir: hubDir });
  await hub.admin.addUser({ username: 'trooper1', password: TEST_PASSWORD, roles: ['trooper'], unit: 'Troop 3' });
});

test.afterEach(async () => {
  await hub.close();
  await rm(hubDir, { recursive: true, force: true });
  await rm(userData, { recursive: true, force: true });
});

const appEnv = (): Record<string, string> => ({
  ...(process.env as Record<string, string>),
  OPENTAS_HUB_URL: hub.url,
  OPENTAS_USER_DATA: userData,
});

function launch(): Promise<ElectronApplication> {
  return electron.launch({ args: ['-r', HOOKS, ROOT], cwd: ROOT, env: appEnv() });
}

const sessionState = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobal).tas.invoke('session:state'));
const quitWith = (page: Page, password: string) =>
  page.evaluate(
    (p) => (globalThis as unknown as PageGlobal).tas.invoke('app:quit', { password: p }),
    password,
  );

async function signIn(consoleWindow: Page): Promise<void> {
  const signedIn = await consoleWindow.evaluate(
    (password) =>
      (globalThis as unknown as PageGlobal).tas.invoke('session:signIn', { username: 'trooper1', password }),
    TEST_PASSWORD,
  );
  expect(signedIn).toMatchObject({ ok: true });
  await expect
    .poll(() =>
      consoleWindow.evaluate(
        async () => (await (globalThis as unknown as PageGlobal).tas.invoke('link:presence')).state,
      ),
    )
    .toBe('connected');
}

async function sendHit(category: 'stolen' | 'felony' = 'stolen'): Promise<ReturnType<typeof makeHit>> {
  const hit = makeHit({ category });
  const key = await hub.admin.addIngestKey(`e2e-${hit.id}`);
  const answer = await fetch(`${hub.url}/api/v1/hits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(hit),
  });
  expect(answer.ok).toBe(true);
  return hit;
}

const toolTip = (app: ElectronApplication): Promise<string> =>
  app.evaluate(() => (globalThis as unknown as { __opentas: Seen }).__opentas.tray.toolTip);

test('the app starts locked down, signs in, and pops up an alert', async () => {
  const app = await launch();
  try {
    const consoleWindow = await app.firstWindow();
    await expect.poll(() => consoleWindow.url()).toContain('app://opentas/');
    const isolation = await consoleWindow.evaluate(() => {
      const page = globalThis as unknown as PageGlobal;
      return {
        require: typeof page.require,
        process: typeof page.process,
        tas: Object.keys(page.tas).sort().join(','),
      };
    });
    expect(isolation).toEqual({ require: 'undefined', process: 'undefined', tas: 'invoke,on' });
    await signIn(consoleWindow);

    const popupOpened = app.waitForEvent('window');
    await sendHit();
    const popup = await popupOpened;
    expect(popup.url()).toContain('#popup');
    await popup.screenshot({ path: join(ROOT, 'test-results/screens/electron-popup.png') });
  } finally {
    await app.close();
  }
});

test('tray states, a notification click opening its alert, and offline', async () => {
  const app = await launch();
  try {
    const consoleWindow = await app.firstWindow();
    await expect.poll(() => toolTip(app)).toBe('OpenTAS: signed out');
    await signIn(consoleWindow);
    await expect.poll(() => toolTip(app)).toBe('OpenTAS: receiving alerts');

    const popupOpened = app.waitForEvent('window');
    const first = await sendHit('stolen');
    const popup = await popupOpened;
    await expect.poll(() => toolTip(app)).toBe('OpenTAS: 1 alert waiting for verification');
    const second = await sendHit('felony');
    await expect.poll(() => toolTip(app)).toBe('OpenTAS: 2 alerts waiting for verification');

    // The notifications name category and camera, never the plate.
    const notices = await app.evaluate(() =>
      (globalThis as unknown as { __opentas: Seen }).__opentas.notifications.map((n) => ({
        title: n.title,
        body: n.body,
      })),
    );
    expect(notices.map((n) => n.title)).toEqual(['OpenTAS: STOLEN VEHICLE', 'OpenTAS: FELONY VEHICLE']);
    for (const n of notices) expect(`${n.title} ${n.body}`).not.toContain(first.plate);
    for (const n of notices) expect(`${n.title} ${n.body}`).not.toContain(second.plate);

    // Clicking the first notification opens that alert in the popup, which takes the focus.
    await app.evaluate(() =>
      (globalThis as unknown as { __opentas: Seen }).__opentas.notifications[0]!.emit('click'),
    );
    await expect
      .poll(() =>
        popup.evaluate(() =>
          (globalThis as unknown as { document: { hasFocus(): boolean } }).document.hasFocus(),
        ),
      )
      .toBe(true);
    await expect(popup.getByText(first.plate).first()).toBeVisible();

    // The hub goes away: the tray says so at once, and comes back with it.
    const port = Number(new URL(hub.url).port);
    await hub.close();
    await expect.poll(() => toolTip(app)).toMatch(/^OpenTAS: (NOT RECEIVING ALERTS|connecting…)/);
    await expect.poll(() => toolTip(app), { timeout: 30_000 }).toContain('NOT RECEIVING ALERTS');
    hub = await startHub({ port, dataDir: hubDir });
    await expect
      .poll(() => toolTip(app), { timeout: 60_000 })
      .toBe('OpenTAS: 2 alerts waiting for verification');
  } finally {
    await app.close();
  }
});

test('locks when the OS locks the screen, and quitting from the tray then asks for the password', async () => {
  const app = await launch();
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    app.process().once('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  try {
    const consoleWindow = await app.firstWindow();
    await signIn(consoleWindow);
    await app.evaluate(({ powerMonitor }) => void powerMonitor.emit('lock-screen'));
    await expect.poll(async () => (await sessionState(consoleWindow)).locked).toBe(true);

    await app.evaluate(() =>
      (globalThis as unknown as { __opentas: Seen }).__opentas.tray.menu
        .find((item) => item.label === 'Quit')!
        .click(),
    );
    await expect.poll(async () => (await sessionState(consoleWindow)).quitAsked ?? false).toBe(true);
    expect(app.windows().length).toBeGreaterThan(0); // still running: the password decides

    const wrong = await quitWith(consoleWindow, 'not-the-password');
    expect(wrong).toMatchObject({ ok: false });
    expect(app.windows().length).toBeGreaterThan(0);
    // The app may close before it answers: the exit code is the proof.
    await quitWith(consoleWindow, TEST_PASSWORD).catch(() => undefined);
    expect(await exited).toBe(0);
  } finally {
    if (running) await app.close();
  }
});

test('a second start hands over to the running app and exits', async () => {
  const app = await launch();
  try {
    const consoleWindow = await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.hide()));
    const second = spawn(ELECTRON_BINARY, [ROOT], { cwd: ROOT, env: appEnv(), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible())),
      )
      .toBe(true);
    expect(consoleWindow.url()).toContain('app://opentas/');
  } finally {
    await app.close();
  }
});
