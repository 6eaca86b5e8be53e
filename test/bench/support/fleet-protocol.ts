/**
 * The messages between a benchmark (the driver) and its fleet workers: child processes that each
 * run hundreds of desks. Times are wall-clock milliseconds with sub-millisecond precision
 * (`wallNow`), comparable across processes on one machine.
 */
import type { Category } from '../../../src/shared/protocol/index.js';

/** How a worker's desks talk to the hub. */
export type DeskMode =
  /** A bare socket.io-client that answers each `alert` at once: the baseline. */
  | 'bare'
  /** The real AlertLink with an in-memory store port (the client filter applied, kept once by id). */
  | 'link'
  /** The whole client app (createHeadlessClient): session, filter, durable encrypted Inbox on disk. */
  | 'inbox';

export interface DeskSpec {
  /** Position in the fleet (0..n-1): the driver names recipients by it. */
  index: number;
  userId: string;
  username: string;
  unit: string;
  clientId: string;
  /** An access token minted at seeding ('link' and 'bare' desks). */
  token: string;
  /** The password ('inbox' desks sign in for real). */
  password: string;
  /** This desk's own hub address ('link' desks; the soak's go through fault proxies), else the worker's `url`. */
  url?: string;
  /** This desk's category preferences ('link' desks), else the client's defaults. */
  categories?: Category[];
}

export interface WorkerStart {
  t: 'start';
  mode: DeskMode;
  url: string;
  desks: DeskSpec[];
  /** Where 'inbox' desks keep their files. */
  dataDir: string;
  /** AlertLink reconnect backoff in ms (the client's defaults when omitted). */
  backoff?: { min: number; max: number };
}

/** Driver -> worker. `desks: null` means every desk of the worker. */
export type DriverMessage =
  | WorkerStart
  | { t: 'expect'; alertId: string; desks: number[] | null }
  | { t: 'report' }
  | { t: 'stop' };

export interface WorkerReport {
  /** Alerts shown (stored and passed by the client filter), over all desks. */
  shown: number;
  /** The same alert id shown twice by one desk: must be 0. */
  duplicatesShown: number;
  /** Alerts the hub delivered again to a desk that already had them (at-least-once on the wire). */
  redelivered: number;
  /** Alerts delivered that the client filter did not show (routed wider than the filter). */
  hiddenByFilter: number;
  /** Connection attempts of the desks' links so far. */
  connectAttempts: number;
  /** (alert, desk) pairs expected but not shown yet. */
  missing: number;
  /** Alerts shown by a desk they were not meant for: must be 0. */
  unexpected: number;
  /** Desks whose link is connected now. */
  connected: number;
  /** When each 'link' desk last connected (said hello), wall-clock ms. */
  connectedAt: number[];
  /** Warnings and errors the services logged, by message, counted. */
  logged: Record<string, number>;
}

/** Worker -> driver. */
export type WorkerMessage =
  | { t: 'ready'; desks: number }
  | { t: 'failed'; message: string }
  /** Every expected desk of this worker has shown `alertId`; `times[i]` is when desk `desks[i]` did. */
  | { t: 'done'; alertId: string; desks: number[]; times: number[] }
  | ({ t: 'report' } & WorkerReport);

/** Wall-clock ms with sub-ms precision (performance.timeOrigin is shared wall time, now() is monotonic). */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** `BENCH_PROFILE=DIR`: child processes write V8 CPU profiles there (open them in Chrome DevTools). */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
