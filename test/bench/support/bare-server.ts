/**
 * The baseline: a bare socket.io server with no auth, no store, no routing, no receipts. `POST
 * /emit` `{envelope, desks}` sends the envelope as an `alert` with an acknowledgement callback to
 * the sockets of those desks (every socket when `desks` is null), one emit per socket (each
 * client's answer is its own), then answers 202. A socket's desk is the number in its handshake
 * `clientId` (`desk-N-...`). Run as a child process (`node --import tsx bare-server.ts PORT`); prints
 * `listening on http://HOST:PORT` like the hub.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { envelope, desks } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { envelope: unknown; desks: number[] | null };
    if (desks === null) for (const socket of nsp.sockets.values()) socket.emit('alert', envelope, () => {});
    else for (const d of desks) for (const socket of bySocketDesk.get(d) ?? []) socket.emit('alert', envelope, () => {});
    res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
  });
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });
const nsp = io.of('/alerts');
const bySocketDesk = new Map<number, Set<Socket>>();
nsp.on('connection', (socket) => {
  const desk = Number(/^desk-(\d+)-/.exec(String((socket.handshake.auth as { clientId?: unknown }).clientId))?.[1] ?? -1);
  let set = bySocketDesk.get(desk);
  if (!set) bySocketDesk.set(desk, (set = new Set()));
  set.add(socket);
  socket.on('disconnect', () => set.delete(socket));
});

http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => process.exit(0));
