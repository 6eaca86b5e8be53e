/**
 * Writes what one call hands a socket to the kernel together. Engine.IO passes the packets that
 * queued while its last write was in flight to the WebSocket in one call, but ws writes each frame
 * on its own: a `writev` system call per packet, and a read on the other end for each. Corking the
 * TCP socket around that call makes it one; nothing is held past the call, so no latency is added.
 * Used by both ends of the alert stream: the hub's alerts (src/backend/stream/write-batching.ts) and
 * the desk's receipts (src/main/adapters/socketio-hub-sockets.ts). Pure: the caller finds the socket.
 */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Whether `tcp` can be corked (where the internals are not as expected, the callers change nothing). */
export function isCorkable(tcp: unknown): tcp is Corkable {
  return typeof (tcp as Partial<Corkable> | undefined)?.cork === 'function' && typeof (tcp as Partial<Corkable>).uncork === 'function';
}

/** Replaces `owner[method]` with the same call inside a cork of `tcp`. */
export function corkEachCall<K extends string>(owner: { [key in K]: (packets: unknown[]) => void }, method: K, tcp: Corkable): void {
  const call = owner[method].bind(owner);
  owner[method] = ((packets: unknown[]): void => {
    tcp.cork();
    try {
      call(packets);
    } finally {
      tcp.uncork();
    }
  }) as (typeof owner)[K];
}
