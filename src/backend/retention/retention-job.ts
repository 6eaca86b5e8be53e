/**
 * Purges detections older than the policy's retention (ENF-051 V.C.1: detections 90 days; V.C.4:
 * FlockOS 30, the policy's `retentionDaysByNetwork`): stored reads with their images, per camera
 * network, and the images of alerts. The hit's text, the alerts made from purged reads and the
 * acknowledgement log are kept permanently (V.C.3).
 */
import { CameraNetwork } from '../../shared/protocol/index.js';
import { retentionDaysFor } from '../../shared/retention.js';
import type { AlertFeed } from '../alerts/alert-feed.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import type { HubStore } from '../store/port.js';
import type { ReadPurge } from '../store/read-archive-port.js';

const DAY_MS = 24 * 3600_000;

export interface RetentionReport {
  /** Alerts whose images were dropped (ingested before `before`). */
  purged: number;
  before: string;
  /** One line per camera network: the reads deleted (and how many carried images), read before its cut-off. */
  reads: ReadPurge[];
}

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

  async run(): Promise<RetentionReport> {
    const policy = await this.store.policy.get();
    const now = this.clock.now().getTime();
    const cutOff = (days: number): string => new Date(now - days * DAY_MS).toISOString();
    const before = cutOff(policy.detectionRetentionDays);
    const purged = await this.store.alerts.purgeImages(before);
    const reads: ReadPurge[] = [];
    for (const network of CameraNetwork.options) {
      reads.push(await this.store.readArchive.purge(network, cutOff(retentionDaysFor(policy, network))));
    }
    if (purged > 0) this.feed?.clear();
    const gone = reads.filter((r) => r.reads > 0);
    if (purged > 0 || gone.length > 0) {
      await this.log.record('retention_purge', 'success', { username: 'hub' }, { purged, before, reads: gone });
    }
    return { purged, before, reads };
  }
}
