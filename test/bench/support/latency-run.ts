/**
 * Measured series: alerts sent one at a time (the next only once every desk it was for has shown
 * the previous one), latency = from just before the ingest request to each desk's receipt. Several
 * contenders (the hub and its baseline) take turns alert by alert, the first of each round
 * alternating, so load from anything else on the machine falls on all of them alike.
 */
import { Agent, request } from 'node:http';
import type { Hit } from '../../../src/shared/protocol/index.js';
import type { Fleet } from './fleet.js';
import { wallNow } from './fleet-protocol.js';

export interface Sendable {
  hit: Hit;
  /** The desks it is meant for; null = every desk. */
  desks: number[] | null;
}

export interface Contender {
  fleet: Fleet;
  next: () => Sendable;
  /** Sends it (an HTTP ingest); resolves when the server answered. */
  post: (s: Sendable) => Promise<void>;
}

export interface SeriesOptions {
  count: number;
  /** Rounds sent first and not counted (JIT, socket buffers, SQLite page cache). */
  warmup: number;
  /** How long one alert may take to reach all its desks before the series fails. */
  timeoutMs?: number;
  /** Called once the warm-up rounds are done, before the first counted one (to read the hub's /metrics). */
  afterWarmup?: () => Promise<void>;
}

/** One latency list per contender, in the order given. */
export async function interleavedSeries(contenders: Contender[], o: SeriesOptions): Promise<number[][]> {
  const out = contenders.map(() => [] as number[]);
  for (let round = 0; round < o.warmup + o.count; round++) {
    if (round === o.warmup) await o.afterWarmup?.();
    for (let k = 0; k < contenders.length; k++) {
      const which = (round + k) % contenders.length;
      const c = contenders[which]!;
      const s = c.next();
      const shown = c.fleet.expect(s.hit.id, s.desks);
      const t0 = wallNow();
      await c.post(s);
      const times = await withTimeout(shown, o.timeoutMs ?? 30_000, `alert ${s.hit.id} did not reach all its desks`);
      if (round >= o.warmup) for (const t of times) out[which]!.push(t - t0);
    }
  }
  return out;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kept-alive connections for the ingest requests, as an adapter would hold them. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * POSTs JSON; throws unless the answer is 2xx. node:http rather than fetch: fetch gives up on a
 * connect after 10 s, and a hub whose accept queue is full of 2,000 reconnecting desks may take
 * longer to accept a new connection (that time is part of what the storm measures).
 */
export function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': data.length, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) reject(new Error(`POST ${url} answered ${status}: ${text.slice(0, 300)}`));
        else resolve(text ? (JSON.parse(text) as unknown) : undefined);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}
