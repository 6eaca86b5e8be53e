/** A real Socket.IO client on the `/alerts` namespace that records everything the hub sends. */
import { io, type Socket } from 'socket.io-client';
import type { AckEntry, AlertEnvelope, Hello, Policy, Zone } from '../../src/shared/protocol/index.js';
import type { Json } from './api.js';
import { waitFor } from './wait.js';

export interface AlertClientOptions {
  token: string;
  clientId?: string;
  resumeFrom?: number;
  /** Answer `{received: true}` to each alert (default true). */
  receipts?: boolean;
}

export class AlertClient {
  readonly socket: Socket;
  hello: Hello | undefined;
  readonly alerts: AlertEnvelope[] = [];
  readonly acks: AckEntry[] = [];
  readonly zones: Zone[][] = [];
  readonly policies: Policy[] = [];
  connectError: string | undefined;
  /** 1.1: the `session_ended` reasons received, in order. */
  readonly sessionEnded: string[] = [];
  /** Why the socket disconnected (socket.io's reason), once it has. */
  disconnectReason: string | undefined;

  constructor(url: string, o: AlertClientOptions) {
    const auth: Record<string, unknown> = { token: o.token, clientId: o.clientId ?? 'desk-test' };
    if (o.resumeFrom !== undefined) auth.resumeFrom = o.resumeFrom;
    this.socket = io(`${url}/alerts`, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
    this.socket.on('hello', (h: Hello) => (this.hello = h));
    this.socket.on('alert', (a: AlertEnvelope, cb?: (x: unknown) => void) => {
      this.alerts.push(a);
      if (o.receipts !== false) cb?.({ received: true });
    });
    this.socket.on('ack', (e: AckEntry) => this.acks.push(e));
    this.socket.on('zones', (z: Zone[]) => this.zones.push(z));
    this.socket.on('policy', (p: Policy) => this.policies.push(p));
    this.socket.on('connect_error', (err: Error) => (this.connectError = err.message));
    this.socket.on('session_ended', (e: { reason: string }) => this.sessionEnded.push(e.reason));
    this.socket.on('disconnect', (reason: string) => (this.disconnectReason = reason));
  }

  /** 1.1: sends `reauth` {token} and resolves with the hub's answer. */
  reauth(token: string): Promise<Json> {
    return this.socket.timeout(10_000).emitWithAck('reauth', { token });
  }

  /** Resolves with the `session_ended` reason once the hub has ended the socket (and it is closed). */
  async ended(timeoutMs = 30_000): Promise<string> {
    await waitFor(() => this.socket.disconnected && this.disconnectReason !== undefined, 'the socket to be ended', timeoutMs);
    return this.sessionEnded.at(-1) ?? `(no session_ended; disconnect: ${this.disconnectReason})`;
  }

  /** Resolves with the hello, or throws with the connect_error message. */
  async ready(): Promise<Hello> {
    await waitFor(() => this.hello !== undefined || this.connectError !== undefined, 'hello or connect_error');
    if (this.connectError !== undefined) throw new Error(this.connectError);
    return this.hello as Hello;
  }

  async refused(): Promise<string> {
    return waitFor(() => this.connectError, 'connect_error');
  }

  async alertCount(n: number): Promise<AlertEnvelope[]> {
    await waitFor(() => this.alerts.length >= n, `${n} alert(s)`);
    return this.alerts;
  }

  sendAck(event: unknown): Promise<Json> {
    return this.socket.timeout(30_000).emitWithAck('ack', event);
  }

  close(): void {
    this.socket.close();
  }
}
