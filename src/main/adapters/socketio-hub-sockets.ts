/**
 * The HubSockets port over socket.io-client: a WebSocket to `<hub>/alerts`, Socket.IO's own
 * reconnection off (the AlertLink owns the retry policy). The only code that touches Socket.IO's
 * internals: the Engine.IO packets (any sign of life), its write buffer (a receipt is confirmed by a
 * ping sent after it is flushed), the Node WebSocket under it (transport pings and pongs), and its
 * TCP socket (receipts written together, `batchWrites`).
 */
import { io, type Socket } from 'socket.io-client';
import { corkEachCall, isCorkable } from '../../shared/corked-call.js';
import type { HubSocket, HubSocketOptions, HubSockets } from '../services/ports.js';

interface PingableWs {
  ping(): void;
  on(event: 'pong' | 'message', listener: () => void): void;
}

interface EngineInternals {
  writeBuffer?: unknown[];
  transport?: { ws?: PingableWs & { _socket?: unknown }; write?: (packets: unknown[]) => void };
  on(event: 'packet', listener: () => void): void;
  off(event: 'packet', listener: () => void): void;
  once(event: 'drain', listener: () => void): void;
}

export const socketIoHubSockets: HubSockets = {
  open(hubUrl: string, options: HubSocketOptions): HubSocket {
    const socket = io(`${hubUrl.replace(/\/$/, '')}/alerts`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: options.connectTimeoutMs,
      auth: options.auth,
    });
    socket.io.on('open', () => batchWrites(socket.io.engine as unknown as EngineInternals));
    return new SocketIoHubSocket(socket);
  },
};

class SocketIoHubSocket implements HubSocket {
  constructor(private readonly socket: Socket) {}

  get connected(): boolean {
    return this.socket.connected;
  }

  onConnect(listener: () => void): void {
    this.socket.on('connect', listener);
  }

  onConnectError(listener: (error: { message: string; refused: boolean }) => void): void {
    this.socket.on('connect_error', (err) => listener({ message: err.message, refused: isRefused(err) }));
  }

  onDisconnect(listener: (reason: string) => void): void {
    this.socket.on('disconnect', (reason) => listener(reason));
  }

  on(event: string, listener: (payload: unknown, reply?: (answer: unknown) => void) => void): void {
    this.socket.on(event, listener);
  }

  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;
  }

  onHeard(listener: () => void): () => void {
    const engine = this.engine();
    engine?.on('packet', listener);
    this.ws()?.on('message', listener);
    // A ws listener cannot be taken off (the ws dies with the connection); the caller ignores late calls.
    return () => engine?.off('packet', listener);
  }

  canPing(): boolean {
    return this.ws() !== null;
  }

  ping(): void {
    this.ws()?.ping();
  }

  onPong(listener: () => void): void {
    this.ws()?.on('pong', listener);
  }

  afterFlush(then: () => void): void {
    const engine = this.engine();
    if (engine?.writeBuffer && engine.writeBuffer.length > 0) engine.once('drain', then);
    else then();
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private engine(): EngineInternals | undefined {
    return this.socket.io.engine as unknown as EngineInternals | undefined;
  }

  private ws(): PingableWs | null {
    const ws = this.engine()?.transport?.ws;
    return ws && typeof ws.ping === 'function' ? ws : null;
  }
}

/** Whether a connect_error means nothing listens on the port (ECONNREFUSED under the WebSocket error). */
export function isRefused(err: unknown): boolean {
  const description = (err as { description?: { code?: unknown; error?: { code?: unknown } } } | null)?.description;
  return description?.code === 'ECONNREFUSED' || description?.error?.code === 'ECONNREFUSED';
}

/** The desk's receipts flushed together reach the kernel in one write (src/shared/corked-call.ts). */
export function batchWrites(engine: EngineInternals | undefined): void {
  const transport = engine?.transport;
  const tcp = transport?.ws?._socket;
  if (transport && typeof transport.write === 'function' && isCorkable(tcp)) corkEachCall(transport as { write: (packets: unknown[]) => void }, 'write', tcp);
}
