/**
 * The client app without Electron and without a window: `createClientApp` wired with the
 * non-Electron adapters (recording tray, notifier and popup, an idle source driven by hand, a vault
 * in memory or in a file, settings in a file). The browser host, the tests' client harness and
 * client process, and the benchmarks' desks all build their desks here, so a port added to the app
 * is wired once for all of them. Not started: callers subscribe to events first, then `app.start()`.
 */
import { join } from 'node:path';
import { createClientApp, type ClientApp, type ClientAppOptions } from './client-app.js';
import { FileSettingsStore } from './adapters/file-settings-store.js';
import { FileVault } from './adapters/file-vault.js';
import { silentLogger } from './adapters/json-logger.js';
import { ManualIdleSource } from './adapters/manual-idle-source.js';
import { MemoryVault } from './adapters/memory-vault.js';
import { RecordingNotifier, RecordingPopup, RecordingTray } from './adapters/recording-ports.js';
import { systemClock } from './adapters/system-clock.js';
import { socketIoHubSockets } from './adapters/socketio-hub-sockets.js';
import type { Clock, ClientPorts, CredentialVault, HubSockets, Logger, SettingsStore } from './services/ports.js';

export interface HeadlessClientOptions extends Omit<ClientAppOptions, keyof ClientPorts> {
  /**
   * Where the sign-in is kept: `memory` (the default: tests, benchmarks), `file` (`dataDir/vault.json`,
   * 0600: the browser host for a developer), or a vault of the caller's.
   */
  vault?: 'memory' | 'file' | CredentialVault;
  /** Default: a JSON file, `dataDir/settings.json`. */
  settings?: SettingsStore;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: nothing is logged. */
  logger?: Logger;
  /** Default: Socket.IO over a WebSocket. */
  sockets?: HubSockets;
}

export interface HeadlessClient {
  app: ClientApp;
  vault: CredentialVault;
  /** Driven by the caller: `goIdle()` locks the console as the OS idle time would. */
  idle: ManualIdleSource;
  tray: RecordingTray;
  notifier: RecordingNotifier;
  popup: RecordingPopup;
  logger: Logger;
}

export function createHeadlessClient(options: HeadlessClientOptions): HeadlessClient {
  const { vault: vaultChoice, settings, clock = systemClock, logger = silentLogger, sockets = socketIoHubSockets, ...appOptions } = options;
  const vault =
    vaultChoice === 'file'
      ? new FileVault(join(options.dataDir, 'vault.json'), logger)
      : vaultChoice === 'memory' || vaultChoice === undefined
        ? new MemoryVault()
        : vaultChoice;
  const idle = new ManualIdleSource(clock);
  const tray = new RecordingTray();
  const notifier = new RecordingNotifier();
  const popup = new RecordingPopup();
  const app = createClientApp({
    ...appOptions,
    vault,
    settings: settings ?? new FileSettingsStore(join(options.dataDir, 'settings.json'), logger, clock),
    notifier,
    tray,
    popup,
    idle,
    clock,
    logger,
    sockets,
  });
  return { app, vault, idle, tray, notifier, popup, logger };
}
