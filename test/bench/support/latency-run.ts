/**
 * One measured series: alerts sent one at a time (the next only once every desk it was for has
 * shown the previous one), latency = from just before the ingest request to each desk's receipt.
 */
import type { Hit } from '../../../src/shared/protocol/index.js';
import type { Fleet } from './fleet.js';
import { wallNow } from './fleet-protocol.js';

export interface Sendable {
  hit: Hit;
  /** The desks it is meant for; null = every desk. */
  desks: number[] | null;
}

export interface SeriesOptions {
  fleet: Fleet;
  count: number;
  /** Sent first and not counted (JIT, socket buffers, SQLite page cache). */
  warmup: number;
  next: () => Sendable;
  /** Sends it (an HTTP ingest); resolves when the server answered. */
  post: (s: Sendable) => Promise<void>;
  /** How long one alert may take to reach all its desks before the series fails. */
  timeoutMs?: number;
}

export async function latencySeries(o: SeriesOptions): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < o.warmup + o.count; i++) {
    const s = o.next();
    const shown = o.fleet.expect(s.hit.id, s.desks);
    const t0 = wallNow();
    await o.post(s);
    const times = await withTimeout(shown, o.timeoutMs ?? 30_000, `alert ${s.hit.id} did not reach all its desks`);
    if (i >= o.warmup) for (const t of times) latencies.push(t - t0);
  }
  return latencies;
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

/** POSTs JSON; throws unless the answer is 2xx. */
export async function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
