/**
 * The client app without Electron: every main-process service wired from ports, and one IPC
 * handler per invoke channel of src/shared/ipc.ts. Electron's composition root (index.ts) and the
 * browser host both build it and only carry `handlers` and `onEvent` over their transport.
 */
import { join } from 'node:path';
import type { EventChannel, EventPayload, SessionState, Settings } from '../shared/ipc.js';
import type { ClientPorts } from './services/ports.js';
import type { IpcHandlers } from './ipc/router.js';
import { ClientFilter } from './services/client-filter.js';
import { HubApi, checkHubUrl } from './services/hub-api.js';
import { Presence } from './services/presence.js';
import { Session } from './services/session.js';
import { openUserKey } from './services/user-key-migration.js';
import { deleteLocalData } from './services/local-data.js';
import { ConnectionHistory, type ConnectionEntry } from './services/connection-history.js';
import { loadClientId } from './services/client-id.js';
import { UserDesk, userFolder } from './services/user-desk.js';
import { DeskView } from './desk-view.js';
import { mapSources, type MapSources } from './services/street-map.js';
import { buildHandlers } from './ipc-handlers.js';
import { QuitGate, type AppExit, type QuitAnswer } from './services/quit-gate.js';
import type { PublicUser } from '../shared/protocol/index.js';
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

/** What the handlers share: the live state of the app. */
export interface AppCore {
  ports: ClientPorts;
  session: Session;
  quit: QuitGate;
  presence: Presence;
  filter: ClientFilter;
  view: DeskView;
  settings(): Settings;
  saveSettings(next: Settings): Promise<void>;
  hub(): HubApi;
  desk(): UserDesk | null;
  openDesk(user: PublicUser): Promise<void>;
  closeDesk(): Promise<void>;
  sessionState(): SessionState;
  /** The link's recent states (connects, drops and why), oldest first: for the support bundle. */
  connectionHistory(): readonly ConnectionEntry[];
  logDir: string;
  /** The client's data folder (users' folders under it): for deleting a user's local data. */
  dataDir: string;
  versions: Record<string, string>;
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
}

export function createClientApp(options: ClientAppOptions): ClientApp {
  const { logger, clock } = options;
  const listeners = new Set<(channel: EventChannel, payload: unknown) => void>();
  let settings: Settings | null = null;
  let hubApi: HubApi | null = null;
  let banner = DEFAULT_LOGIN_BANNER;
  let clientId = '';
  let userDesk: UserDesk | null = null;
  let deskChange: Promise<void> = Promise.resolve();
  const offs: (() => void)[] = [];
  const history = new ConnectionHistory();

  const presence = new Presence(clock);
  const filter = new ClientFilter(logger);
  const session = new Session(() => core.hub(), options.vault, clock, options.idle, logger);
  const quit = new QuitGate(session, options.exit ?? { quit: () => undefined }, () => core.emit('session:state', core.sessionState()));

  const core: AppCore = {
    ports: options,
    session,
    quit,
    presence,
    filter,
    view: undefined as unknown as DeskView,
    settings() {
      if (!settings) throw new Error('the app is not started');
      return settings;
    },
    async saveSettings(next) {
      settings = next;
      hubApi = null;
      await options.settings.save(next);
    },
    hub() {
      hubApi ??= new HubApi(core.settings().hubUrl);
      return hubApi;
    },
    desk: () => userDesk,
    connectionHistory: () => history.list(),
    logDir: options.logDir ?? join(options.dataDir, 'logs'),
    dataDir: options.dataDir,
    versions: options.versions ?? {},
    openDesk(user) {
      // A failed change must not block the next one: the chain always continues.
      deskChange = deskChange.catch(() => undefined).then(async () => {
        if (userDesk?.user.id === user.id) return;
        await closeCurrent();
        // Each user's own key (docs/adr/0017): the next trooper on this OS account cannot open these files.
        // Opening it reads and may re-seal the user's folder, so a folder that cannot be used fails here,
        // and is logged like a store that cannot be opened.
        let key: Awaited<ReturnType<typeof openUserKey>>;
        try {
          key = await openUserKey(options.vault, join(options.dataDir, 'users'), userFolder(user.id), user.id, logger);
        } catch (err) {
          logger.error('app: the desk could not open its local store', { reason: (err as Error).message });
          throw err;
        }
        filter.setUser(user);
        const desk = new UserDesk({
          dataDir: options.dataDir,
          key,
          user,
          link: { ...options.link, hubUrl: core.settings().hubUrl, clientId, onRoundTrip: (ms) => history.roundTrip(ms) },
          credentials: session,
          filter,
          presence,
          listener: core.view,
          fetchTrail: async (alertId) => {
            const token = await session.token();
            if (!token) throw new Error('signed out');
            return core.hub().trail(token, alertId);
          },
          clock,
          idle: options.idle,
          logger,
          sockets: options.sockets,
          ...(options.inboxMemoryLimit !== undefined ? { inboxMemoryLimit: options.inboxMemoryLimit } : {}),
        });
        try {
          await desk.open(filter.currentPolicy());
        } catch (err) {
          logger.error('app: the desk could not open its local store', { reason: (err as Error).message });
          await desk.close().catch(() => undefined);
          throw err;
        }
        userDesk = desk;
        offs.push(desk.outbox.onChange((alertId) => core.view.changed(alertId)));
        core.view.refreshTray();
      });
      return deskChange;
    },
    closeDesk() {
      deskChange = deskChange.catch(() => undefined).then(closeCurrent);
      return deskChange;
    },
    sessionState() {
      const view = session.view();
      return { ...view, hubUrl: settings?.hubUrl ?? options.hubUrl ?? '', banner, ...(quit.asked() ? { quitAsked: true } : {}) };
    },
    emit(channel, payload) {
      for (const listener of listeners) {
        try {
          listener(channel, payload);
        } catch (err) {
          logger.error('app: an event listener failed', { channel, reason: (err as Error).message });
        }
      }
    },
  };
  core.view = new DeskView(core);

  async function forgetDisabledUser(desk: UserDesk): Promise<void> {
    const unsent = desk.outbox.counts().unsent;
    try {
      await deleteLocalData({ dataDir: options.dataDir, vault: options.vault, logger }, desk.user.id, { keepOutbox: unsent > 0, why: 'the hub disabled the account' });
    } catch (err) {
      logger.error('local data: deleting a disabled user\'s data failed', { reason: (err as Error).message });
    }
  }

  async function closeCurrent(): Promise<void> {
    const desk = userDesk;
    userDesk = null;
    filter.setUser(null);
    if (desk) await desk.close();
    presence.set('signed_out');
  }

  return {
    handlers: buildHandlers(core),
    requestQuit: () => quit.request(),
    openAlert(alertId) {
      if (!userDesk) return;
      core.ports.popup.show(alertId);
      core.emit('alerts:open', { alertId });
    },
    mapSources: () => mapSources(core.settings(), filter.currentPolicy()),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      const loaded = await options.settings.load();
      settings = options.hubUrl ? { ...loaded, hubUrl: options.hubUrl } : loaded;
      try {
        checkHubUrl(settings.hubUrl);
      } catch (err) {
        // Start anyway (the settings screen is how it gets fixed); sign-in will refuse this hub.
        logger.error('app: the configured hub URL is refused', { reason: (err as Error).message });
      }
      filter.setCategories(settings.categories);
      clientId = await loadClientId(join(options.dataDir));
      offs.push(presence.onChange((view) => {
        history.record(view);
        core.emit('link:presence', view);
        core.view.refreshTray();
      }));
      offs.push(session.onChange((view) => {
        core.emit('session:state', core.sessionState());
        if (!view.signedIn && userDesk) {
          const desk = userDesk;
          const closed = core.closeDesk();
          // A disabled account's data leaves the desk (its unsent acknowledgements stay, sealed, for if it is enabled again).
          if (view.ended === 'disabled') void closed.then(() => forgetDisabledUser(desk));
        }
      }));
      banner = await core.hub().banner().catch(() => DEFAULT_LOGIN_BANNER);
      if (await session.restore()) {
        const user = session.currentUser();
        if (user) await core.openDesk(user);
      }
      core.view.refreshTray();
      logger.info('app: started', { hub: settings.hubUrl, signedIn: session.view().signedIn });
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      // The lock and the last input time decide whether the next start is locked.
      await session.persistLock();
      session.dispose();
      await core.closeDesk();
      presence.dispose();
      logger.info('app: stopped');
    },
  };
}
