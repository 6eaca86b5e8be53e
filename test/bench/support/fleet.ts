/**
 * The driver's side of a desk fleet: forks worker processes (fleet-worker.ts), deals the desks out
 * to them, and turns "this alert is for these desks" into a promise of when each desk showed it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { profileArgs, type DeskMode, type DeskSpec, type DriverMessage, type WorkerMessage, type WorkerReport } from './fleet-protocol.js';

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

/**
 * The desks' CPU priority (`nice`; `BENCH_DESKS_NICE` overrides it). In the field every desk is a
 * computer of its own; here 2,000 of them share the hub's two cores. The storm runs them at 19 (the
 * lowest): at equal priority their reconnect attempts took half the CPU the restarted hub needed to
 * start (it listened 5.8-7.1 s after the kill instead of 1.4-2.0 s). Delivery keeps 0: there the
 * desks' own work is part of the latency measured, and at 19 it waited behind the hub's.
 */
export const desksNice = (byDefault: number): number => Number(process.env.BENCH_DESKS_NICE ?? byDefault);

export interface FleetOptions {
  mode: DeskMode;
  url: string;
  desks: DeskSpec[];
  workers: number;
  dataDir: string;
  backoff?: { min: number; max: number };
  /** The workers' CPU priority (see desksNice); 0 when not given. */
  nice?: number;
}

interface Waiting {
  pendingWorkers: number;
  times: number[];
  resolve: (times: number[]) => void;
}

export class Fleet {
  private readonly waiting = new Map<string, Waiting>();
  private reportWaiters: ((r: WorkerReport) => void)[] = [];
  private readonly workerOf = new Map<number, number>();
  /** When each desk last showed an expected alert. */
  readonly lastShown = new Map<number, number>();

  private constructor(
    private readonly children: ChildProcess[],
    desks: DeskSpec[][],
  ) {
    desks.forEach((share, w) => share.forEach((d) => this.workerOf.set(d.index, w)));
  }

  /** The worker processes' ids (to read their CPU time). */
  get pids(): number[] {
    return this.children.flatMap((c) => (c.pid ? [c.pid] : []));
  }

  /** Forks the workers and resolves once every desk is connected. */
  static async launch(options: FleetOptions): Promise<Fleet> {
    const shares: DeskSpec[][] = Array.from({ length: options.workers }, () => []);
    options.desks.forEach((d, i) => shares[i % options.workers]!.push(d));
    const children = shares.map(() => fork(WORKER, [], { execArgv: ['--import', 'tsx', ...profileArgs()], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    for (const child of children) if (child.pid && options.nice) setPriority(child.pid, options.nice);
    const fleet = new Fleet(children, shares);
    await Promise.all(
      children.map(
        (child, w) =>
          new Promise<void>((resolve, reject) => {
            child.on('message', (m: WorkerMessage) => {
              if (m.t === 'ready') resolve();
              else if (m.t === 'failed') reject(new Error(`fleet worker ${w}: ${m.message}`));
              else fleet.onMessage(m);
            });
            child.once('exit', (code) => reject(new Error(`fleet worker ${w} exited (${code}) before it was ready`)));
            child.send({ t: 'start', mode: options.mode, url: options.url, desks: shares[w]!, dataDir: options.dataDir, ...(options.backoff ? { backoff: options.backoff } : {}) } satisfies DriverMessage);
          }),
      ),
    );
    return fleet;
  }

  /**
   * Tells the workers which desks `alertId` is for (all of them when `desks` is null) and resolves
   * with the time each of those desks showed it, in no particular order.
   */
  expect(alertId: string, desks: number[] | null): Promise<number[]> {
    const promise = new Promise<number[]>((resolve) => {
      this.waiting.set(alertId, { pendingWorkers: this.children.length, times: [], resolve });
    });
    const perWorker: number[][] = this.children.map(() => []);
    if (desks) for (const d of desks) perWorker[this.workerOf.get(d)!]!.push(d);
    // A worker already stopped (the soak stopping early while it still ingests) is not written to: that would throw.
    this.children.forEach((child, w) => child.connected && child.send({ t: 'expect', alertId, desks: desks ? perWorker[w]! : null } satisfies DriverMessage));
    return promise;
  }

  /** Every worker's counters, summed. */
  async report(): Promise<WorkerReport> {
    const answers = new Promise<WorkerReport[]>((resolve) => {
      const got: WorkerReport[] = [];
      this.reportWaiters = this.children.map(() => (r: WorkerReport) => {
        got.push(r);
        if (got.length === this.children.length) resolve(got);
      });
    });
    for (const child of this.children) child.send({ t: 'report' } satisfies DriverMessage);
    const all = await answers;
    const sum: WorkerReport = { shown: 0, duplicatesShown: 0, redelivered: 0, hiddenByFilter: 0, connectAttempts: 0, missing: 0, unexpected: 0, connected: 0, logged: {}, connectedAt: [] };
    for (const r of all) {
      sum.shown += r.shown;
      sum.duplicatesShown += r.duplicatesShown;
      sum.redelivered += r.redelivered;
      sum.hiddenByFilter += r.hiddenByFilter;
      sum.missing += r.missing;
      sum.unexpected += r.unexpected;
      sum.connectAttempts += r.connectAttempts;
      sum.connectedAt.push(...r.connectedAt);
      sum.connected += r.connected;
      for (const [k, n] of Object.entries(r.logged)) sum.logged[k] = (sum.logged[k] ?? 0) + n;
    }
    return sum;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.send({ t: 'stop' } satisfies DriverMessage);
          }),
      ),
    );
  }

  private onMessage(m: WorkerMessage): void {
    if (m.t === 'done') {
      const w = this.waiting.get(m.alertId);
      if (!w) return;
      for (const t of m.times) w.times.push(t);
      m.desks.forEach((d, i) => this.lastShown.set(d, Math.max(this.lastShown.get(d) ?? 0, m.times[i]!)));
      if (--w.pendingWorkers === 0) {
        this.waiting.delete(m.alertId);
        w.resolve(w.times);
      }
    } else if (m.t === 'report') {
      const { t: _t, ...report } = m;
      this.reportWaiters.shift()?.(report);
    }
  }
}
