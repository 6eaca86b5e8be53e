/**
 * The hub's alerts flushed together reach the kernel in one write (src/shared/corked-call.ts): a desk
 * catching up on 60 alerts cost 60 `writev` calls. The only code that reaches under Socket.IO for
 * the TCP socket; where the internals are not as expected (another transport, another version) it
 * changes nothing.
 */
import type { Socket } from 'socket.io';
import { corkEachCall, isCorkable } from '../../shared/corked-call.js';

interface EngineTransport {
  send(packets: unknown[]): void;
  socket?: { _socket?: unknown };
}

export function batchWrites(socket: Socket): void {
  const transport = (socket.conn as unknown as { transport?: Partial<EngineTransport> }).transport;
  const tcp = transport?.socket?._socket;
  if (transport && typeof transport.send === 'function' && isCorkable(tcp)) corkEachCall(transport as { send: (packets: unknown[]) => void }, 'send', tcp);
}
