/**
 * Posts simulated hits to a hub through its public ingest API, like a vendor adapter would, at a
 * steady rate per minute. Used by `serve --simulate` and the demo.
 */
import type { Clock } from '../clock.js';
import { type Random, generateHit } from './hit-generator.js';

export interface SimulatorOptions {
  url: string;
  key: string;
  perMinute: number;
  clock: Clock;
  random?: Random;
  onError: (err: unknown) => void;
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
    const hit = generateHit(this.o.random ?? Math.random, this.o.clock.now(), ++this.serial);
    try {
      const res = await fetch(`${this.o.url}/api/v1/hits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.key}` },
        body: JSON.stringify(hit),
      });
      if (res.status >= 300) this.o.onError(new Error(`simulator: hub answered ${res.status}: ${await res.text()}`));
    } catch (err) {
      this.o.onError(err);
    }
  }
}
