/**
 * Serves the built renderer (dist-web/) with a strict CSP header, and index.html with the bridge
 * script injected before the renderer bundle. Only files inside the root are served.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../shared/ipc.js';
import { contentSecurityPolicy as pagePolicy } from '../shared/content-security-policy.js';
import { STREET_MAP_PATH } from '../shared/ipc-map.js';
import { answerStreetMap } from '../main/services/range-file.js';
import type { MapSources } from '../main/services/street-map.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export const BRIDGE_PATH = '/tas-bridge.js';
const BRIDGE_FILE = fileURLToPath(new URL('./public/tas-bridge.js', import.meta.url));

/**
 * The page's CSP (src/shared/content-security-policy.ts): it connects to its own origin and
 * WebSocket (the street map archive included) and to `mapOrigins`, the agency map style server the
 * desk configured, exactly, nothing broader.
 */
export function contentSecurityPolicy(origin: string, mapOrigins: readonly string[] = []): string {
  return pagePolicy({ mapOrigins, sockets: [origin.replace(/^http/, 'ws')] });
}

export async function bridgeScript(): Promise<string> {
  const text = await readFile(BRIDGE_FILE, 'utf8');
  return text
    .replace('= __TAS_INVOKE_CHANNELS__;', `= ${JSON.stringify(INVOKE_CHANNEL_NAMES)};`)
    .replace('= __TAS_EVENT_CHANNELS__;', `= ${JSON.stringify(EVENT_CHANNEL_NAMES)};`);
}

export function injectBridge(html: string): string {
  const tag = `<script src=".${BRIDGE_PATH}"></script>`;
  const at = html.indexOf('<script');
  return at < 0 ? html.replace('</head>', `${tag}</head>`) : `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
}

export class StaticFiles {
  private bridge: Promise<string> | undefined;

  constructor(
    private readonly root: string,
    private readonly origin: () => string,
    /** The street map archive and map origins of the moment (settings and policy change at run time). */
    private readonly map: () => MapSources = () => ({ connectOrigins: [] }),
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Security-Policy': contentSecurityPolicy(this.origin(), this.map().connectOrigins),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = requestPath(req.url);
    if (path === null) {
      res.writeHead(400, { ...headers, 'Content-Type': 'text/plain' }).end('bad request path');
      return;
    }
    if (path === STREET_MAP_PATH) {
      await this.serveStreetMap(req, res, headers);
      return;
    }
    if (path === BRIDGE_PATH) {
      this.bridge ??= bridgeScript();
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.js'] as string, 'Cache-Control': 'no-store' }).end(await this.bridge);
      return;
    }
    const rel = path === '/' ? 'index.html' : path.slice(1);
    const file = normalize(join(this.root, rel));
    if (!file.startsWith(this.root + sep) || rel.includes('\0')) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (rel === 'index.html') {
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' }).end(injectBridge(body.toString('utf8')));
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : body);
  }

  /** The configured archive, in the ranges pmtiles asks for; 404 when none is configured. */
  private async serveStreetMap(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const answer = await answerStreetMap(this.map().archive, req.headers.range, req.method === 'HEAD');
    res.writeHead(answer.status, { ...headers, ...answer.headers });
    if (!answer.body) {
      res.end(answer.status === 404 ? 'no street map is configured, or its archive cannot be read' : undefined);
      return;
    }
    const body = answer.body();
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
  }
}

/** The request's decoded path, or null when it is not one (`//x`, a broken %-escape): a 400, not a 500. */
function requestPath(url: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://host.invalid').pathname);
  } catch {
    return null;
  }
}
