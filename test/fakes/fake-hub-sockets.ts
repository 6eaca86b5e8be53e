/**
 * HubSockets without a network: every connection it opens is kept in `opened`, and the test says
 * what the hub does with it (`refuse`, `accept`, `hubSends`, `drop`). With `refuseAll`, each new
 * connection is refused as a port nothing listens on would be, on the next turn of the event loop.
 */
import type { HubSocket, HubSocketOptions, HubSockets } from '../../src/main/services/ports.js';

type Listener = (payload: unknown, reply?: (answer: unknown) => void) => void;

export class FakeHubSocket implements HubSocket {
  connected = false;
  closed = false;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly heard = new Set<() => void>();
  private connectListeners: (() => void)[] = [];
  private errorListeners: ((error: { message: string; refused: boolean }) => void)[] = [];
  private disconnectListeners: ((reason: string) => void)[] = [];

  constructor(
    readonly hubUrl: string,
    readonly options: HubSocketOptions,
  ) {}

  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }
  onConnectError(listener: (error: { message: string; refused: boolean }) => void): void {
    this.errorListeners.push(listener);
  }
  onDisconnect(listener: (reason: string) => void): void {
    this.disconnectListeners.push(listener);
  }
  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  async request(event: string): Promise<unknown> {
    if (!this.connected) throw new Error(`not connected (${event})`);
    throw new Error(`the fake hub does not answer ${event}`);
  }
  onHeard(listener: () => void): () => void {
    this.heard.add(listener);
    return () => this.heard.delete(listener);
  }
  canPing(): boolean {
    return false;
  }
  ping(): void {}
  onPong(_listener: () => void): void {}
  afterFlush(then: () => void): void {
    then();
  }
  close(): void {
    this.closed = true;
    this.connected = false;
  }

  /** The handshake fails (`refused`: nothing listens on the port). */
  refuse(message = 'websocket error', refused = true): void {
    if (this.closed) return;
    for (const l of this.errorListeners) l({ message, refused });
  }
  accept(): void {
    if (this.closed) return;
    this.connected = true;
    for (const l of this.connectListeners) l();
  }
  hubSends(event: string, payload: unknown, reply?: (answer: unknown) => void): void {
    if (this.closed) return;
    for (const l of this.heard) l();
    for (const l of this.listeners.get(event) ?? []) l(payload, reply);
  }
  drop(reason = 'transport close'): void {
    if (this.closed) return;
    this.connected = false;
    for (const l of this.disconnectListeners) l(reason);
  }
}

export class FakeHubSockets implements HubSockets {
  readonly opened: FakeHubSocket[] = [];

  constructor(private readonly options: { refuseAll?: boolean } = {}) {}

  open(hubUrl: string, options: HubSocketOptions): FakeHubSocket {
    const socket = new FakeHubSocket(hubUrl, options);
    this.opened.push(socket);
    if (this.options.refuseAll) setImmediate(() => socket.refuse());
    return socket;
  }
}
