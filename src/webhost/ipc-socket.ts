/**
 * The IPC contract over a WebSocket: `{id, channel, request}` in, `{id, result}` or `{id, error}`
 * out, and the app's events pushed as `{event, payload}`. Every message goes through the same
 * IpcRouter as Electron's ipcMain, with the socket's Origin as the sender. At the handshake, before
 * anything is served, a socket from any other origin is refused (403) and so is one without this
 * launch's key in its URL (401, `?key=`, see launch-key.ts): a refused socket never receives an event.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventChannels, type EventChannel } from '../shared/ipc.js';
import type { IpcRouter } from '../main/ipc/router.js';
import { KEY_PARAM, type LaunchKey } from './launch-key.js';

export const IPC_PATH = '/ipc';
const MAX_MESSAGE_BYTES = 1024 * 1024;

export class IpcSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly router: IpcRouter,
    private readonly trusted: () => readonly string[],
    private readonly key: LaunchKey,
    private readonly log: (message: string) => void,
    /** Sent to a socket right after it opens, so a reconnecting page re-reads everything. */
    private readonly greeting: () => Promise<{ event: EventChannel; payload: unknown }[]>,
  ) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = req.headers.origin ?? '';
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path !== IPC_PATH || !this.trusted().includes(origin)) {
      this.log(`webhost: refused a socket from origin ${origin.slice(0, 100) || '(none)'} for ${path.slice(0, 100)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const presented = url.searchParams.get(KEY_PARAM);
    if (!this.key.matches(presented)) {
      // Never the presented value in the log: it may be a near miss of the real key.
      this.log(`webhost: refused a socket from ${origin} ${presented === null ? 'without' : 'with a wrong'} launch key`);
      const body = 'Open the URL the browser host printed: it carries this launch\'s key.';
      socket.end(`HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, origin));
  }

  private accept(ws: WebSocket, origin: string): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => void this.onMessage(ws, origin, isBinary ? null : data.toString()));
    void this.greeting()
      .then((events) => events.forEach((e) => this.sendTo(ws, { event: e.event, payload: e.payload })))
      .catch((err: Error) => this.log(`webhost: greeting failed: ${err.message}`));
  }

  private async onMessage(ws: WebSocket, origin: string, text: string | null): Promise<void> {
    let msg: unknown;
    try {
      msg = text === null ? undefined : JSON.parse(text);
    } catch {
      msg = undefined;
    }
    const m = msg as { id?: unknown; channel?: unknown; request?: unknown } | undefined;
    if (!m || typeof m !== 'object' || (typeof m.id !== 'number' && typeof m.id !== 'string')) {
      this.log('webhost: dropped a malformed message');
      this.sendTo(ws, { id: null, error: { code: 'invalid_message', message: 'Expected {id, channel, request}.' } });
      return;
    }
    const result = await this.router.handle(m.channel, m.request, { origin, isMainFrame: true });
    this.sendTo(ws, result.ok ? { id: m.id, result: result.value } : { id: m.id, error: result.error });
  }

  /** Pushes one app event to every page, after checking it against the contract. */
  broadcast(channel: EventChannel, payload: unknown): void {
    const schema = eventChannels[channel];
    const checked = schema?.safeParse(payload);
    if (!checked?.success) {
      this.log(`webhost: dropped event ${String(channel)} outside the contract`);
      return;
    }
    for (const ws of this.sockets) this.sendTo(ws, { event: channel, payload: checked.data });
  }

  private sendTo(ws: WebSocket, msg: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}
