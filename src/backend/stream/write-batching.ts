/**
 * Writes a connection's queued frames to the kernel together. Engine.IO hands the packets that
 * queued while its last write was in flight to the WebSocket in one call, but ws writes each frame
 * on its own (a `writev` system call per alert): a desk catching up on 60 alerts cost 60 calls.
 * Corking the TCP socket around that call makes it one; nothing is held past the call, so no
 * latency is added. The only code that reaches under Socket.IO for the TCP socket; where the
 * internals are not as expected (another transport, another version) it changes nothing.
 */
import type { Socket } from 'socket.io';

interface Corkable {
  cork(): void;
  uncork(): void;
}

interface EngineTransport {
  send(packets: unknown[]): void;
  socket?: { _socket?: Partial<Corkable> };
}

export function batchWrites(socket: Socket): void {
  const transport = (socket.conn as unknown as { transport?: Partial<EngineTransport> }).transport;
  const tcp = transport?.socket?._socket;
  if (!transport || typeof transport.send !== 'function' || typeof tcp?.cork !== 'function' || typeof tcp.uncork !== 'function') return;
  const send = transport.send.bind(transport);
  const raw = tcp as Corkable;
  transport.send = (packets: unknown[]): void => {
    raw.cork();
    try {
      send(packets);
    } finally {
      raw.uncork();
    }
  };
}
