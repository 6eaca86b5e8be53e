/**
 * The security set-up of the Electron app, in one place (Electron's security checklist, CJIS):
 * the renderer is served from the custom `app://opentas` protocol with a strict CSP; windows get
 * contextIsolation, sandbox and no Node; navigation, new windows, webviews and every permission
 * request are denied. index.ts calls these before and after `app.whenReady()`.
 */
import {
  app,
  BrowserWindow,
  net,
  protocol,
  session,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { contentSecurityPolicy as pagePolicy } from '../../shared/content-security-policy.js';
import { STREET_MAP_PATH } from '../../shared/ipc-map.js';
import { answerStreetMap } from '../services/range-file.js';
import type { MapSources } from '../services/street-map.js';
import { appFile } from './app-files.js';
import { originOf } from './origin.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'opentas';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The CSP of every response of app://: only our own code (src/shared/content-security-policy.ts).
 * The page connects to app:// (the street map archive included) and to `mapOrigins`, the agency map
 * style server the desk configured, exactly, nothing broader.
 */
export function contentSecurityPolicy(mapOrigins: readonly string[] = []): string {
  return pagePolicy({ mapOrigins });
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

const NO_MAP = (): MapSources => ({ connectOrigins: [] });

/** Must run before `app.whenReady()`: app:// behaves as a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Serves the built renderer from `rendererDir` on app://opentas, refusing any path outside it, and
 * the street map archive (a file, or the agency's https URL relayed) at STREET_MAP_PATH in ranges.
 */
export function serveRenderer(rendererDir: string, map: () => MapSources = NO_MAP): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && url.pathname === STREET_MAP_PATH) return streetMapResponse(request, map());
    const file = appFile(rendererDir, request.url, APP_HOST);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy(map().connectOrigins));
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

async function streetMapResponse(request: Request, map: MapSources): Promise<Response> {
  const answer = await answerStreetMap(
    map.archive,
    request.headers.get('range') ?? undefined,
    request.method === 'HEAD',
  );
  const body = answer.body ? (Readable.toWeb(answer.body()) as unknown as ReadableStream<Uint8Array>) : null;
  return new Response(body, {
    status: answer.status,
    headers: { ...answer.headers, 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * Every window of the app is built here and only here (windows.ts calls this), with its web preferences
 * written out as one literal in the constructor call: the preload is the only bridge, and it is
 * sandboxed. Written out rather than built by a helper so that Electronegativity (npm run
 * electronegativity) reads every option where it is set; a second `new BrowserWindow` elsewhere would
 * be checked on its own and fail CI unless it says all of this again.
 */
export function appWindow(
  preloadPath: string,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed (docs/security.md, item 20): the preload exposes only `tas.invoke`/`tas.on` for the contract's
      // channel names (src/preload/index.ts); test/electron/app.spec.ts sees exactly 'invoke,on' and no require/process.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) opening links: already refused by the window-open handler; off at the source too.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
}

/** Denies every permission (camera, notifications from pages, geolocation...) by default. */
export function hardenSession(
  target: Session = session.defaultSession,
  map: () => MapSources = NO_MAP,
): void {
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy(map().connectOrigins)],
      },
    });
  });
}

/** For every web contents the app creates: no navigation away, no new windows, no webviews. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
