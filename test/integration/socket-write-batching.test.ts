/**
 * Packets Engine.IO flushes together reach the kernel in one write on both ends: the hub's run of
 * alerts (src/backend/stream/write-batching.ts) and the desk's run of receipts
 * (src/main/adapters/socketio-hub-sockets.ts). ws writes each frame on its own, so without the
 * batching 50 alerts cost the hub about 50 writes and their receipts the desk about 50 more (and
 * the other end a read each): in the reconnect storm, a quarter of the desks' CPU.
 * Real Socket.IO over TCP on loopback; the writes are counted on each end's TCP socket.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchWrites as batchHubWrites } from '../../src/backend/stream/write-batching.js';
import { batchWrites as batchDeskWrites } from '../../src/main/adapters/socketio-hub-sockets.js';
import { waitFor } from '../support/wait.js';

const PACKETS = 50;

interface Tcp {
  _write: (...args: unknown[]) => unknown;
  _writev?: (...args: unknown[]) => unknown;
}

/** Counts the writes a TCP socket hands to the kernel (one per `_write` or `_writev`). */
function countWrites(tcp: Tcp): { count: number } {
  const counter = { count: 0 };
  const write = tcp._write.bind(tcp);
  tcp._write = (...args) => {
    counter.count++;
    return write(...args);
  };
  const writev = tcp._writev?.bind(tcp);
  if (writev) {
    tcp._writev = (...args) => {
      counter.count++;
      return writev(...args);
    };
  }
  return counter;
}

describe('socket writes batched', () => {
  let http: HttpServer;
  let server: Server;
  let client: ClientSocket;
  let hubSide: Promise<ServerSocket>;

  beforeEach(async () => {
    http = createServer();
    server = new Server(http, { transports: ['websocket'] });
    hubSide = new Promise((resolve) => server.on('connection', resolve));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    client.io.on('open', () => batchDeskWrites(client.io.engine as never));
    await new Promise<void>((resolve) => client.on('connect', () => resolve()));
  });

  afterEach(async () => {
    client.disconnect();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a run of alerts leaves the hub in a few writes, and the desk's receipts for them in a few", async () => {
    const socket = await hubSide;
    batchHubWrites(socket);
    const hubTcp = (socket.conn as unknown as { transport: { socket: { _socket: Tcp } } }).transport.socket._socket;
    const deskTcp = (client.io.engine as unknown as { transport: { ws: { _socket: Tcp } } }).transport.ws._socket;
    const hubWrites = countWrites(hubTcp);
    const deskWrites = countWrites(deskTcp);

    // The desk answers each alert once it is stored (a promise later), as the AlertLink does.
    client.on('alert', (_payload: unknown, reply: (answer: unknown) => void) => {
      void Promise.resolve().then(() => reply({ received: true }));
    });
    let receipts = 0;
    for (let i = 0; i < PACKETS; i++) socket.emit('alert', { seq: i, body: 'x'.repeat(200) }, () => receipts++);
    await waitFor(() => receipts === PACKETS, 'every receipt at the hub');

    // The first packet goes out alone (the transport was idle), the rest together.
    expect(hubWrites.count).toBeLessThanOrEqual(3);
    expect(deskWrites.count).toBeLessThanOrEqual(3);
  });
});
