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
import { socketIoHubSockets } from './adapters/socketio-hub-sockets.js';
import { IpcRouter } from './ipc/router.js';
import type { SessionState } from '../shared/ipc.js';
import type { MapSources } from './services/street-map.js';
import { ElectronSettingsStore } from './platform/electron-settings-store.js';
import { registerIpc, sendEvent } from './platform/ipc-main.js';
import { AlertPopup } from './services/alert-popup.js';
import { DeskTray } from './services/desk-tray.js';
import { DesktopNotifier } from './services/desktop-notifier.js';
import { SystemIdle } from './services/system-idle.js';
import { UpdateGate } from './services/update-gate.js';
import { electronUpdaterPort, installedPublisherNames } from './platform/auto-update.js';
import { electronNotificationCentre } from './platform/notifier.js';
import { electronPowerSignals } from './platform/power-idle-source.js';
import { openVault } from './platform/safe-storage-vault.js';
import { APP_ORIGIN, hardenAllWebContents, hardenSession, registerAppScheme, serveRenderer } from './platform/security.js';
import { ElectronTraySurface } from './platform/tray.js';
import { ElectronPopupWindows, openConsoleWindow } from './platform/windows.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER = join(here, '../renderer');

// Tests and side-by-side installs keep their data apart; must be set before the app is ready.
if (process.env.OPENTAS_USER_DATA) app.setPath('userData', process.env.OPENTAS_USER_DATA);
// Windows shows an app's notifications only under its AppUserModelID (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('org.opentas.client');
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
  const popup = new AlertPopup(new ElectronPopupWindows(PRELOAD));
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
  let tray: DeskTray | null = null;
  const traySurface = new ElectronTraySurface({
    openConsole: () => {
      tray?.seen();
      showConsole();
    },
    quit: quitFromTray,
  });
  tray = new DeskTray(traySurface, process.platform);
  const idle = new SystemIdle(electronPowerSignals, systemClock);
  // A click on an alert's notification: that alert, in the popup, which takes the focus (the user asked).
  let signedIn = false;
  const openFromNotification = (alertId: string): void => {
    if (!clientApp || !signedIn) return;
    clientApp.openAlert(alertId);
    popup.show(alertId, { focus: true });
  };

  clientApp = createClientApp({
    vault: await openVault(join(dataDir, 'vault.bin'), logger),
    settings: new ElectronSettingsStore(DEFAULT_SETTINGS, logger),
    notifier: new DesktopNotifier(electronNotificationCentre, openFromNotification),
    tray,
    popup,
    idle,
    clock: systemClock,
    logger,
    sockets: socketIoHubSockets,
    dataDir,
    ...(process.env.OPENTAS_HUB_URL ? { hubUrl: process.env.OPENTAS_HUB_URL } : {}),
    exit: { quit: () => app.quit() },
    logDir: join(app.getPath('userData'), 'logs'),
    versions: { app: app.getVersion() },
  });
  const router = new IpcRouter(clientApp.handlers, [APP_ORIGIN], (message) => logger.warn(message));
  registerIpc(router);
  clientApp.onEvent((channel, payload) => sendEvent(channel, payload, (message) => logger.warn(message)));
  // Updates from the agency's own server (policy updateFeedUrl), never while an alert is open.
  const updates = new UpdateGate(electronUpdaterPort(logger), systemClock, {
    alertOpen: () => popup.showing() || (tray?.waiting() ?? 0) > 0,
    platform: process.platform,
    publisherNames: installedPublisherNames(),
    logger,
  });
  const client = clientApp;
  const readUpdateFeed = (): void =>
    void client.handlers['policy:get'](undefined).then(
      (policy) => updates.configure(policy.updateFeedUrl),
      () => undefined,
    );
  // A new policy arrives with a (re)connection; configure is a no-op while the feed stays the same.
  clientApp.onEvent((channel) => {
    if (channel === 'session:state' || channel === 'link:presence') readUpdateFeed();
  });
  // Signed out or put out by the hub: the always-on-top popup leaves the screen with the desk's CJI.
  clientApp.onEvent((channel, payload) => {
    if (channel !== 'session:state') return;
    signedIn = (payload as SessionState).signedIn;
    if (!signedIn) popup.hide();
  });
  await clientApp.start();
  readUpdateFeed();
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
      updates.dispose();
      traySurface.destroy();
      app.quit();
    });
  });
}
