/**
 * The simulator's reads mode (`serve --simulate-reads RATE`, the demo): loads a simulated hot list through
 * `PUT /hotlists/simulated-ncic`, then posts reads to `POST /reads` once a second at RATE reads a minute,
 * so the hub's own matcher makes the alerts (a hit is never posted). A refusal is reported and the next
 * second goes on.
 */
import type { HotlistEntry, ReadBatchAnswer } from '../../shared/protocol/index.js';
import { MAX_READS_PER_BATCH } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';
import type { Random } from './hit-generator.js';
import { type IngestTarget, ingestCall } from './ingest-call.js';
import { SIMULATED_LIST_ID, generateRead, simulatedHotlist } from './read-generator.js';

export interface ReadSimulatorOptions extends IngestTarget {
  perMinute: number;
  clock: Clock;
  random?: Random;
  /** Entries in the simulated list (default 5,000). */
  listSize?: number;
  /** Share of reads that are of a listed plate (default 1 in 60). */
  listedShare?: number;
}

const TICK_MS = 1_000;

export class ReadSimulator {
  private timer: NodeJS.Timeout | undefined;
  private serial = 0;
  private due = 0;
  private listed: HotlistEntry[] = [];
  private stopped = false;
  /** Reads accepted and alerts made so far (for the demo's log line and the tests). */
  readonly counts = { reads: 0, hits: 0 };

  constructor(private readonly o: ReadSimulatorOptions) {}

  private get rnd(): Random {
    return this.o.random ?? Math.random;
  }

  /** Loads the list (the hub matches against it before the first read is posted), then ticks. */
  async start(): Promise<void> {
    await this.loadList();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  async loadList(): Promise<void> {
    const list = simulatedHotlist(this.rnd, this.o.clock.now(), this.o.listSize ?? 5_000);
    const stored = await ingestCall(this.o, 'PUT', `/hotlists/${SIMULATED_LIST_ID}`, list);
    // Without the list the reads still flow (and match any other list the hub holds).
    if (stored) this.listed = list.entries;
  }

  /** Posts the reads due this second (the rate's fraction carried over), in batches the protocol allows. */
  async tick(): Promise<void> {
    this.due += this.o.perMinute / 60;
    const n = Math.floor(this.due);
    this.due -= n;
    for (let done = 0; done < n; done += MAX_READS_PER_BATCH) await this.post(Math.min(MAX_READS_PER_BATCH, n - done));
  }

  async post(n: number): Promise<void> {
    const now = this.o.clock.now();
    const reads = Array.from({ length: n }, () => generateRead(this.rnd, now, ++this.serial, this.listed, this.o.listedShare ?? 1 / 60));
    const answer = await ingestCall<ReadBatchAnswer>(this.o, 'POST', '/reads', { reads });
    if (!answer) return;
    this.counts.reads += answer.accepted;
    this.counts.hits += answer.hits.length;
  }
}
