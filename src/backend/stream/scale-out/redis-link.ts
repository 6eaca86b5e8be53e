/**
 * The node's link to Redis for the Socket.IO Redis adapter: a publishing and a subscribing client
 * that reconnect by themselves. It reports when the link is lost and when it is back, so the hub
 * can catch its desks up from the store (messages published while the link was down are lost).
 */
import type { createClient } from 'redis';
import type { Server } from 'socket.io';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisLinkEvents {
  /** The link was lost (either client). */
  onDown(): void;
  /** Both clients are connected again after a loss. */
  onBack(): void;
  onError(err: unknown): void;
}

const FIRST_CONNECT_MS = 10_000;

export class RedisLink {
  private downSince: number | undefined;

  private constructor(
    private readonly pub: RedisClient,
    private readonly sub: RedisClient,
  ) {}

  /** Connects both clients (failing with a clear message when Redis cannot be reached) and attaches the adapter. */
  static async attach(io: Server, url: string, events: RedisLinkEvents): Promise<RedisLink> {
    // Loaded only by a hub that scales out: redis was a quarter of a second of every start.
    const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-adapter')]);
    const pub = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) } });
    const sub = pub.duplicate();
    const link = new RedisLink(pub, sub);
    for (const client of [pub, sub]) {
      client.on('error', (err: unknown) => {
        // One report per outage: the clients retry every second and would repeat it each time.
        if (link.downSince === undefined) events.onError(err);
        link.down(events);
      });
      client.on('end', () => link.down(events));
      client.on('reconnecting', () => link.down(events));
      client.on('ready', () => link.ready(events));
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([pub.connect(), sub.connect()]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`cannot reach Redis at REDIS_URL within ${FIRST_CONNECT_MS / 1000} s`)), FIRST_CONNECT_MS);
        }),
      ]);
    } catch (err) {
      pub.destroy();
      sub.destroy();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    link.downSince = undefined;
    io.adapter(createAdapter(guardPublish(pub, events.onError), sub));
    return link;
  }

  get up(): boolean {
    return this.downSince === undefined && this.pub.isReady && this.sub.isReady;
  }

  private down(events: RedisLinkEvents): void {
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    events.onDown();
  }

  private ready(events: RedisLinkEvents): void {
    if (this.downSince === undefined || !this.pub.isReady || !this.sub.isReady) return;
    this.downSince = undefined;
    events.onBack();
  }

  async close(): Promise<void> {
    await Promise.all([this.pub, this.sub].map((c) => (c.isOpen ? c.close().catch(() => c.destroy()) : undefined)));
  }
}

/**
 * The adapter publishes without handling the promise; a publish in flight when Redis dies would
 * reject unhandled and take the whole hub down. This client reports such failures instead.
 */
function guardPublish(client: RedisClient, onError: (err: unknown) => void): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'publish') {
        return (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((err: unknown) => {
          onError(err);
          return 0;
        });
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
