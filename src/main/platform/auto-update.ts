/**
 * electron-updater as the Updater of UpdateGate (services/update-gate.ts), which decides whether
 * there is a feed at all and when an update may install. Here: the generic provider on the feed
 * the gate gives, download on its own, never install at quit behind the gate's back, and the
 * publisher names the build was signed for (app-update.yml, written by electron-builder).
 * What electron-updater checks: the sha512 of every download against the feed's latest*.yml, and on
 * Windows the installer's Authenticode signature against those publisher names (docs/security.md).
 */
import electronUpdater from 'electron-updater';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../services/ports.js';
import { publisherNamesOf, type Updater, type UpdaterEvent } from '../services/update-gate.js';

// electron-updater is CommonJS and defines autoUpdater as a getter, which ESM cannot import by name.
const { autoUpdater } = electronUpdater;

export function electronUpdaterPort(logger: Logger): Updater {
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false; // only UpdateGate installs, when no alert is open
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.logger = {
    info: (m) => logger.info(`update: ${String(m)}`),
    warn: (m) => logger.warn(`update: ${String(m)}`),
    error: (m) => logger.error(`update: ${String(m)}`),
    debug: () => undefined,
  };
  return {
    setFeed: (url) => autoUpdater.setFeedURL({ provider: 'generic', url }),
    check: async () => {
      await autoUpdater.checkForUpdates();
    },
    install: () => autoUpdater.quitAndInstall(false, true),
    onEvent(listener: (event: UpdaterEvent) => void) {
      autoUpdater.on('checking-for-update', () => listener({ type: 'checking' }));
      autoUpdater.on('update-available', (info) => listener({ type: 'available', version: info.version }));
      autoUpdater.on('update-not-available', () => listener({ type: 'none' }));
      autoUpdater.on('update-downloaded', (info) => listener({ type: 'downloaded', version: info.version }));
      autoUpdater.on('error', (err) => listener({ type: 'error', message: err.message }));
    },
  };
}

/** The publisher names the installed build's app-update.yml names (none: unsigned, or not packaged). */
export function installedPublisherNames(): string[] {
  try {
    return publisherNamesOf(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return [];
  }
}
