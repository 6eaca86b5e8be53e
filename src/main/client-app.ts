/**
 * The client app without Electron: every main-process service wired from ports, and one IPC
 * handler per invoke channel of src/shared/ipc.ts. Electron's composition root (index.ts) and the
 * browser host both build it and only carry `handlers` and `onEvent` over their transport.
 */
import { join } from 'node:path';
import type { EventChannel, SessionState } from '../shared/ipc.js';
import type { ClientPorts } from './services/ports.js';
import type { IpcHandlers } from './ipc/router.js';
import { ClientFilter } from './services/client-filter.js';
import { checkHubUrl, type HubApi } from './services/hub-api.js';
import { Presence } from './services/presence.js';
import { Session } from './services/session.js';
import { deleteLocalData } from './services/local-data.js';
import { ConnectionHistory } from './services/connection-history.js';
import { loadClientId } from './services/client-id.js';
import type { UserDesk } from './services/user-desk.js';
import { DeskView } from './desk-view.js';
import { DeskSwitch } from './desk-switch.js';
import { ClientEvents } from './client-events.js';
import { ClientSettings } from './client-settings.js';
import { mapSources, type MapSources } from './services/street-map.js';
import { buildHandlers } from './ipc-handlers.js';
import { QuitGate, type AppExit, type QuitAnswer } from './services/quit-gate.js';
import { DEFAULT_LOGIN_BANNER } from '../shared/login-banner.js';
import type { AlertLinkOptions } from './services/alert-link.js';

export interface ClientApp {
  handlers: IpcHandlers;
  onEvent(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  /** The tray's Quit: at once, or (console locked) after the password on the lock screen. */
  requestQuit(): QuitAnswer;
  /** A click on an alert's notification: the popup comes up showing that alert (nothing while signed out). */
  openAlert(alertId: string): void;
  /** The street map file to serve and the map origins the page's CSP allows (hosts call it per page). */
  mapSources(): MapSources;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClientAppOptions extends ClientPorts {
  dataDir: string;
  /** Overrides the settings' hub (the embedded demo hub, tests). */
  hubUrl?: string;
  /** Tuning for tests and benchmarks (backoff, heartbeat). */
  link?: Partial<Omit<AlertLinkOptions, 'hubUrl' | 'clientId'>>;
  inboxMemoryLimit?: number;
  /** Ends the application once a quit is allowed (Electron: app.quit()); default: nothing to end. */
  exit?: AppExit;
  /** Where the host writes the log file (rotatingFileLog) that the support bundle reads; default dataDir/logs. */
  logDir?: string;
  /** The app's and its runtime's versions for the support bundle (Electron: app and Chrome). */
  versions?: Record<string, string>;
}

/**
 * What the IPC handlers are built from: the app's services, each made once in createClientApp with
 * its own dependencies named in its constructor. Handler groups take only the part they use.
 */
export interface ClientServices {
  ports: ClientPorts;
  session: Session;
  quit: QuitGate;
  presence: Presence;
  filter: ClientFilter;
  settings: ClientSettings;
  desks: DeskSwitch;
  view: DeskView;
  events: ClientEvents;
  /** The link's recent states (connects, drops and why), oldest first: for the support bundle. */
  history: ConnectionHistory;
  /** The client's data folder (users' folders under it) and where the log file is written. */
  dataDir: string;
  logDir: string;
  versions: Record<string, string>;
  /** The hub of the current settings (HubCaller). */
  hub(): HubApi;
  sessionState(): SessionState;
}

export function createClientApp(options: ClientAppOptions): ClientApp {
  const { logger, clock } = options;
  let banner = DEFAULT_LOGIN_BANNER;
  let clientId = '';
  const offs: (() => void)[] = [];

  const events = new ClientEvents(logger);
  const settings = new ClientSettings(options.settings, options.hubUrl);
  const history = new ConnectionHistory();
  const presence = new Presence(clock);
  const filter = new ClientFilter(logger);
  const session = new Session(() => settings.hub(), options.vault, clock, options.idle, logger);
  const quit = new QuitGate(session, options.exit ?? { quit: () => undefined }, () => events.emit('session:state', sessionState()));
  // The view reads the open desk through the switch, and the switch tells the view: one closure ties them.
  const view: DeskView = new DeskView({ session, presence, ports: options, events, desk: (): UserDesk | null => desks.current() });
  const desks: DeskSwitch = new DeskSwitch({
    dataDir: options.dataDir,
    ports: options,
    session,
    filter,
    presence,
    history,
    listener: view,
    hubUrl: () => settings.current().hubUrl,
    hub: () => settings.hub(),
    clientId: () => clientId,
    ...(options.link ? { link: options.link } : {}),
    ...(options.inboxMemoryLimit !== undefined ? { inboxMemoryLimit: options.inboxMemoryLimit } : {}),
  });

  function sessionState(): SessionState {
    return { ...session.view(), hubUrl: settings.hubUrl(), banner, ...(quit.asked() ? { quitAsked: true } : {}) };
  }

  const services: ClientServices = {
    ports: options,
    session,
    quit,
    presence,
    filter,
    settings,
    desks,
    view,
    events,
    history,
    dataDir: options.dataDir,
    logDir: options.logDir ?? join(options.dataDir, 'logs'),
    versions: options.versions ?? {},
    hub: () => settings.hub(),
    sessionState,
  };

  async function forgetDisabledUser(desk: UserDesk): Promise<void> {
    const unsent = desk.outbox.counts().unsent;
    try {
      await deleteLocalData({ dataDir: options.dataDir, vault: options.vault, logger }, desk.user.id, { keepOutbox: unsent > 0, why: 'the hub disabled the account' });
    } catch (err) {
      logger.error('local data: deleting a disabled user\'s data failed', { reason: (err as Error).message });
    }
  }

  return {
    handlers: buildHandlers(services),
    requestQuit: () => quit.request(),
    openAlert(alertId) {
      if (!desks.current()) return;
      options.popup.show(alertId);
      events.emit('alerts:open', { alertId });
    },
    mapSources: () => mapSources(settings.current(), filter.currentPolicy()),
    onEvent: (listener) => events.on(listener),
    async start() {
      const loaded = await settings.load();
      try {
        checkHubUrl(loaded.hubUrl);
      } catch (err) {
        // Start anyway (the settings screen is how it gets fixed); sign-in will refuse this hub.
        logger.error('app: the configured hub URL is refused', { reason: (err as Error).message });
      }
      filter.setCategories(loaded.categories);
      clientId = await loadClientId(join(options.dataDir));
      offs.push(presence.onChange((state) => {
        history.record(state);
        events.emit('link:presence', state);
        view.refreshTray();
      }));
      offs.push(session.onChange((state) => {
        events.emit('session:state', sessionState());
        const desk = desks.current();
        if (!state.signedIn && desk) {
          const closed = desks.close();
          // A disabled account's data leaves the desk (its unsent acknowledgements stay, sealed, for if it is enabled again).
          if (state.ended === 'disabled') void closed.then(() => forgetDisabledUser(desk));
        }
      }));
      banner = await settings.hub().banner().catch(() => DEFAULT_LOGIN_BANNER);
      if (await session.restore()) {
        const user = session.currentUser();
        if (user) await desks.open(user);
      }
      view.refreshTray();
      logger.info('app: started', { hub: loaded.hubUrl, signedIn: session.view().signedIn });
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      // The lock and the last input time decide whether the next start is locked.
      await session.persistLock();
      session.dispose();
      await desks.close();
      presence.dispose();
      logger.info('app: stopped');
    },
  };
}
