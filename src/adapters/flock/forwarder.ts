/**
 * Takes spooled hits to the hub, oldest first, one at a time. While the hub cannot be reached (or
 * answers an error it may recover from) the forwarder waits and tries again, doubling the wait up
 * to a ceiling; the spool keeps every hit meanwhile, also across a restart of the adapter. The hub
 * keys hits by id, so a hit sent twice (a retry after a lost answer) is still one alert.
 */
import type { HubIngest } from '../hub-ingest.js';
import type { Spool } from './spool.js';

export interface ForwarderOptions {
  spool: Spool;
  ingest: HubIngest;
  log: (line: string) => void;
  /** First wait after a failure, and the ceiling the doubling stops at. */
  retry?: { firstMs: number; maxMs: number };
}

export class Forwarder {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private waitMs: number;
  private closed = false;
  /** Hits the hub has taken since start (new or duplicate). */
  delivered = 0;

  constructor(private readonly o: ForwarderOptions) {
    this.waitMs = this.retry.firstMs;
  }

  private get retry(): { firstMs: number; maxMs: number } {
    return this.o.retry ?? { firstMs: 500, maxMs: 30_000 };
  }

  /** Something new is spooled: deliver it now, unless a retry is already scheduled. */
  kick(): void {
    if (this.closed || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        for (const { file, hit } of this.o.spool.pending()) {
          if (this.closed) return;
          const result = await this.o.ingest.post(hit);
          if (result.kind === 'accepted' || result.kind === 'duplicate') {
            this.o.spool.done(file);
            this.delivered += 1;
            this.waitMs = this.retry.firstMs;
          } else if (result.kind === 'refused') {
            this.o.spool.refuse(file, result.message);
            this.o.log(`hub refused hit ${hit.id} for good (kept in the spool's refused/ folder): ${result.message}`);
          } else {
            this.o.log(`hub not reachable, hit ${hit.id} kept in the spool; next try in ${Math.round(this.waitMs / 1000)} s: ${result.message}`);
            this.schedule();
            return;
          }
        }
      } while (this.again && !this.closed);
    } catch (err) {
      // A spool the adapter cannot read or write: say so and try again later rather than stop for good.
      this.o.log(`spool error: ${err instanceof Error ? err.message : String(err)}`);
      this.schedule();
    } finally {
      this.running = false;
    }
  }

  private schedule(): void {
    if (this.closed) return;
    const wait = this.waitMs;
    this.waitMs = Math.min(this.retry.maxMs, this.waitMs * 2);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, wait);
  }
}
