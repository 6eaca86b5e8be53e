/**
 * A loopback TCP proxy between a client and a hub, for fault tests: it can cut every connection,
 * refuse new ones, swallow traffic (a half-open connection: nothing arrives, nothing errors), cut
 * each connection after a random number of bytes (mid-frame, between an alert and its receipt,
 * during an ack), and be pointed at a restarted hub on another port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** forward; refuse new connections; blackhole: swallow both ways; oneway: client -> hub only. */
export type ProxyMode = 'forward' | 'refuse' | 'blackhole' | 'oneway';

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class TcpProxy {
  mode: ProxyMode = 'forward';
  /** When set, each new connection is cut after a random number of bytes in [min, max). */
  randomCut: { min: number; max: number; random: () => number } | null = null;
  /** When set, each new connection is cut after a random time in [minMs, maxMs). */
  randomLife: { minMs: number; maxMs: number; random: () => number } | null = null;
  cuts = 0;
  accepted = 0;
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    public targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, targetPort);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('proxy not listening');
    return address.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Destroys every open connection at once (both sides see a reset). */
  cutAll(): void {
    for (const pair of this.pairs) this.cut(pair);
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    let budget = this.randomCut ? Math.floor(this.randomCut.min + this.randomCut.random() * (this.randomCut.max - this.randomCut.min)) : Infinity;
    const pipe = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        if (this.mode === 'blackhole' || (this.mode === 'oneway' && from === upstream)) return;
        if (chunk.length >= budget) {
          // Forward part of the chunk, then cut: the far side gets a torn frame.
          to.write(chunk.subarray(0, budget));
          this.cut(pair);
          return;
        }
        budget -= chunk.length;
        to.write(chunk);
      });
    };
    pipe(client, upstream);
    pipe(upstream, client);
    if (this.randomLife) {
      const { minMs, maxMs, random } = this.randomLife;
      setTimeout(() => this.cut(pair), minMs + random() * (maxMs - minMs));
    }
    const end = (): void => this.cut(pair);
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    this.cuts++;
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
