/**
 * The browser host (docs/architecture.md#the-browser-host): the client's services wired with non-Electron adapters, the built
 * renderer served over HTTP, and the IPC contract carried over a local WebSocket. The renderer
 * cannot tell it from Electron. Used by `npm run dev:web` and the Playwright tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientApp } from '../main/client-app.js';
import { createHeadlessClient } from '../main/headless-client.js';
import { IpcRouter } from '../main/ipc/router.js';
import type { ManualIdleSource } from '../main/adapters/manual-idle-source.js';
import type { RecordingNotifier, RecordingTray } from '../main/adapters/recording-ports.js';
import { jsonLogger } from '../main/adapters/json-logger.js';
import { rotatingFileLog } from '../main/adapters/rotating-file-log.js';
import type { Logger } from '../main/services/ports.js';
import { IpcSocket } from './ipc-socket.js';
import { KEY_PARAM, LaunchKey } from './launch-key.js';
import { StaticFiles } from './static-files.js';

// OPENTAS_WEB_DIST: a build of one's own (engineers sharing a checkout rebuild dist-web under each other).
export const DEFAULT_DIST = resolve(process.env.OPENTAS_WEB_DIST ?? fileURLToPath(new URL('../../dist-web', import.meta.url)));

export interface WebHostOptions {
  hubUrl: string;
  /** The client's data (settings, inbox, outbox). */
  dataDir: string;
  /** 0 picks a free port. Default 5173. */
  port?: number;
  /** Loopback only by default: the page carries criminal-justice information. */
  host?: string;
  distDir?: string;
  /** Keep the sign-in in a file in dataDir (dev) rather than in memory (tests). */
  persistVault?: boolean;
  /** Log lines (JSON); default: silent. */
  log?: (line: string) => void;
  /** How many recent alerts the desk keeps in memory (default 200): tests of the older-alerts path. */
  inboxMemoryLimit?: number;
}

export interface WebHost {
  /** The page with this launch's key (`/?key=...`): append `#/route` to open a screen. */
  url: string;
  /** The host's origin, without the key (static files, a socket that must be refused). */
  origin: string;
  /** This launch's key: tests open their own sockets with it. */
  key: string;
  port: number;
  app: ClientApp;
  /** The idle source the host drives (tests call goIdle() to lock the console). */
  idle: ManualIdleSource;
  tray: RecordingTray;
  notifier: RecordingNotifier;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  // The log file the support bundle reads (dataDir/logs), and the caller's own sink when given.
  const logDir = join(options.dataDir, 'logs');
  const file = rotatingFileLog(logDir);
  const logger: Logger = jsonLogger((line) => {
    file(line);
    options.log?.(line);
  }, 'webhost');
  const { app, idle, tray, notifier } = createHeadlessClient({
    vault: options.persistVault ? 'file' : 'memory',
    logger,
    dataDir: options.dataDir,
    hubUrl: options.hubUrl,
    ...(options.inboxMemoryLimit ? { inboxMemoryLimit: options.inboxMemoryLimit } : {}),
    logDir,
    versions: { host: 'browser host' },
  });
  await app.start();

  // The trusted origins are known only once the port is; the router and the socket read this array.
  const origins: string[] = [];
  let origin = '';
  const log = (message: string): void => logger.warn(message);
  const router = new IpcRouter(app.handlers, origins, log);
  const files = new StaticFiles(resolve(options.distDir ?? DEFAULT_DIST), () => origin, () => app.mapSources());
  const key = new LaunchKey();
  const ipc = new IpcSocket(router, () => origins, key, log, async () => [
    { event: 'session:state', payload: await app.handlers['session:state'](undefined) },
    { event: 'link:presence', payload: await app.handlers['link:presence'](undefined) },
  ]);
  const offEvents = app.onEvent((channel, payload) => ipc.broadcast(channel, payload));

  const server: Server = createServer((req, res) => {
    files.serve(req, res).catch((err: Error) => {
      logger.error('webhost: serving failed', { reason: err.message });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('upgrade', (req, socket, head) => ipc.upgrade(req, socket, head));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 5173, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The host's own origin only (127.0.0.1 and localhost name the same loopback page).
  origins.push(...(host === '127.0.0.1' ? [origin, `http://localhost:${port}`] : [origin]));

  return {
    // A query, not a fragment: the renderer's router owns the fragment (#/alerts/<id>).
    url: `${origin}/?${KEY_PARAM}=${key.value}`,
    origin,
    key: key.value,
    port,
    app,
    idle,
    tray,
    notifier,
    async close() {
      offEvents();
      ipc.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await app.stop();
    },
  };
}
