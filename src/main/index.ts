/**
 * The Electron app's composition root: the only place that builds the Electron adapters
 * (src/main/platform) and hands them, as ports, to createClientApp. Everything else is in
 * client-app.ts and services/, which run the same without Electron.
 */
import { app, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClientApp, type ClientApp } from './client-app.js';
import { DEFAULT_SETTINGS } from './adapters/file-settings-store.js';
import { jsonLogger } from './adapters/json-logger.js';
import { rotatingFileLog } from './adapters/rotating-file-log.js';
import { systemClock } from './adapters/system-clock.js';
import { IpcRouter } from './ipc/router.js';
import type { MapSources } from './services/street-map.js';
import { ElectronSettingsStore } from './platform/electron-settings-store.js';
import { registerIpc, sendEvent } from './platform/ipc-main.js';
import { ElectronNotifier } from './platform/notifier.js';
import { PowerIdleSource } from './platform/power-idle-source.js';
import { openVault } from './platform/safe-storage-vault.js';
import { APP_ORIGIN, hardenAllWebContents, hardenSession, registerAppScheme, serveRenderer } from './platform/security.js';
import { ElectronTray } from './platform/tray.js';
import { ElectronPopup, openConsoleWindow } from './platform/windows.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER = join(here, '../renderer');

// Tests and side-by-side installs keep their data apart; must be set before the app is ready.
if (process.env.OPENTAS_USER_DATA) app.setPath('userData', process.env.OPENTAS_USER_DATA);
registerAppScheme();
hardenAllWebContents();

if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(main).catch((err: Error) => {
  dialog.showErrorBox('OpenTAS could not start', err.message);
  app.exit(1);
});

async function main(): Promise<void> {
  const logFile = rotatingFileLog(join(app.getPath('userData'), 'logs'));
  const logger = jsonLogger((line) => {
    process.stderr.write(line);
    logFile(line);
  });
  // The page's map sources come from the app once it is built; no page loads before that.
  let clientApp: ClientApp | null = null;
  const mapSources = (): MapSources => clientApp?.mapSources() ?? { connectOrigins: [] };
  hardenSession(undefined, mapSources);
  serveRenderer(RENDERER, mapSources);

  const dataDir = app.getPath('userData');
  const popup = new ElectronPopup(PRELOAD);
  let consoleWindow: Electron.BrowserWindow | null = null;
  const showConsole = (): void => {
    if (consoleWindow && !consoleWindow.isDestroyed()) consoleWindow.show();
    else consoleWindow = openConsoleWindow(PRELOAD);
  };
  // Quitting while the console is locked needs the password (QuitGate): the lock screen asks for it.
  const quitFromTray = (): void => {
    if (!clientApp) app.quit();
    else if (clientApp.requestQuit() === 'password_needed') showConsole();
  };
  const tray = new ElectronTray({ openConsole: showConsole, quit: quitFromTray });
  const idle = new PowerIdleSource();

  clientApp = createClientApp({
    vault: await openVault(join(dataDir, 'vault.bin'), logger),
    settings: new ElectronSettingsStore(DEFAULT_SETTINGS, logger),
    notifier: new ElectronNotifier((alertId) => clientApp?.openAlert(alertId)),
    tray,
    popup,
    idle,
    clock: systemClock,
    logger,
    dataDir,
    ...(process.env.OPENTAS_HUB_URL ? { hubUrl: process.env.OPENTAS_HUB_URL } : {}),
    exit: { quit: () => app.quit() },
    logDir: join(app.getPath('userData'), 'logs'),
    versions: { app: app.getVersion() },
  });
  const router = new IpcRouter(clientApp.handlers, [APP_ORIGIN], (message) => logger.warn(message));
  registerIpc(router);
  clientApp.onEvent((channel, payload) => sendEvent(channel, payload, (message) => logger.warn(message)));
  await clientApp.start();
  showConsole();

  app.on('second-instance', showConsole);
  // A tray app: closing its windows does not stop it from receiving alerts.
  app.on('window-all-closed', () => undefined);
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping || !clientApp) return;
    event.preventDefault();
    stopping = true;
    void clientApp.stop().finally(() => {
      idle.dispose();
      tray.destroy();
      app.quit();
    });
  });
}
