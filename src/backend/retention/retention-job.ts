/**
 * Purges detection images older than the policy's retention (ENF-051 V.C.1: detections 90 days).
 * The hit's text and the acknowledgement log are kept permanently (V.C.3), so only images go.
 */
import type { AlertFeed } from '../alerts/alert-feed.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import type { HubStore } from '../store/port.js';

const DAY_MS = 24 * 3600_000;

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: HubStore,
    private readonly clock: Clock,
    private readonly log: SecurityLog,
    private readonly feed?: AlertFeed,
  ) {}

  /** Runs once now, then every `everyMs` (hourly by default). */
  schedule(onError: (err: unknown) => void, everyMs = 3600_000): void {
    const tick = (): void => void this.run().catch(onError);
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<{ purged: number; before: string }> {
    const policy = await this.store.policy.get();
    const before = new Date(this.clock.now().getTime() - policy.detectionRetentionDays * DAY_MS).toISOString();
    const purged = await this.store.alerts.purgeImages(before);
    if (purged > 0) {
      this.feed?.clear();
      await this.log.record('retention_purge', 'success', { username: 'hub' }, { purged, before });
    }
    return { purged, before };
  }
}
