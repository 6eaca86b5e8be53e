/**
 * Posts simulated hits to a hub through its public ingest API, like a vendor adapter would, at a
 * steady rate per minute. Used by `serve --simulate` and the demo.
 */
import type { Clock } from '../clock.js';
import { type Random, generateHit } from './hit-generator.js';
import { type IngestTarget, ingestCall } from './ingest-call.js';

export interface SimulatorOptions extends IngestTarget {
  perMinute: number;
  clock: Clock;
  random?: Random;
}

export class Simulator {
  private timer: NodeJS.Timeout | undefined;
  private serial = 0;

  constructor(private readonly o: SimulatorOptions) {}

  start(): void {
    const every = Math.max(10, Math.round(60_000 / this.o.perMinute));
    this.timer = setInterval(() => void this.postOne(), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async postOne(): Promise<void> {
    await ingestCall(this.o, 'POST', '/hits', generateHit(this.o.random ?? Math.random, this.o.clock.now(), ++this.serial));
  }
}
