/**
 * A hostile hub for tests: a real Socket.IO server on `/alerts` that accepts any token, says
 * hello, then sends whatever payloads the test scripts (wrong types, huge strings, bad images)
 * and records the receipts the client answers. The real hub never sends such things.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { DEFAULT_POLICY, type Hello } from '../../src/shared/protocol/index.js';

export class HostileHub {
  readonly receipts: { seq: unknown; answer: unknown }[] = [];
  readonly connections: { auth: unknown }[] = [];
  private socket: Socket | null = null;

  private constructor(
    private readonly http: HttpServer,
    private readonly io: Server,
  ) {}

  static async start(): Promise<HostileHub> {
    const http = createServer((req, res) => {
      // Enough HTTP for the client's start-up and sign-in.
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/v1/banner') return void res.end(JSON.stringify({ text: 'hostile' }));
      if (req.url === '/api/v1/session' && req.method === 'POST') {
        return void res.end(
          JSON.stringify({
            accessToken: 'a',
            refreshToken: 'r',
            expiresIn: 3600,
            user: { id: 'u-1', username: 'trooper1', displayName: 'Trooper', roles: ['trooper'], unit: null },
          }),
        );
      }
      if (req.url === '/api/v1/me/preferences') return void res.end(JSON.stringify({ categories: [] }));
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'no' } }));
    });
    const io = new Server(http, { transports: ['websocket'], maxHttpBufferSize: 50e6 });
    const hub = new HostileHub(http, io);
    io.of('/alerts').on('connection', (socket) => {
      hub.connections.push({ auth: socket.handshake.auth });
      hub.socket = socket;
      const hello: Hello = { serverTime: new Date().toISOString(), headSeq: 0, policy: DEFAULT_POLICY, zones: [], gap: false };
      socket.emit('hello', hello);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** Sends an `alert` event with a receipt callback and records the answer, if any. */
  sendAlert(payload: unknown): void {
    const seq = (payload as { seq?: unknown } | null)?.seq;
    this.socket?.emit('alert', payload, (answer: unknown) => this.receipts.push({ seq, answer }));
  }

  send(event: string, payload: unknown): void {
    this.socket?.emit(event, payload);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => void this.io.close(() => resolve()));
  }
}
