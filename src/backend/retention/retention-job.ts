/**
 * Purges detections older than the policy's retention (ENF-051 V.C.1: detections 90 days; V.C.4:
 * FlockOS 30, the policy's `retentionDaysByNetwork`): stored reads with their images, and the images
 * of alerts, each per camera network. The hit's text, the alerts made from purged reads and the
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
  /** Alerts whose images were dropped (ingested before their network's cut-off; `before` is the general one). */
  purged: number;
  before: string;
  /** One line per camera network: the reads deleted (and how many carried images), read before its cut-off. */
  reads: ReadPurge[];
  /**
   * Where reads are stored by day (Postgres): the days dropped whole, every network's retention
   * having passed them (their reads are counted in `reads` too), and the days whose partitions this run made (today and the days ahead).
   */
  days?: { dropped: string[]; made: string[] };
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
    const cutOffs = CameraNetwork.options.map((network) => ({ network, before: cutOff(retentionDaysFor(policy, network)) }));
    // An alert's pictures are its camera's detection, kept as long as that network's reads (FlockOS 30 days);
    // then, whatever the network, nothing older than the longest retention.
    let purged = 0;
    for (const { network, before: cut } of cutOffs) purged += await this.store.alerts.purgeImages(cut, network);
    purged += await this.store.alerts.purgeImages(cutOffs.reduce((a, c) => (c.before < a ? c.before : a), before));
    // A day goes whole once the longest retention has passed it; shorter ones are purged row by row below.
    const oldest = cutOffs.reduce((a, c) => (c.before < a ? c.before : a), cutOffs[0]!.before);
    const days = this.store.readArchive.days;
    const dropped = days ? await days.drop(oldest) : undefined;
    const reads: ReadPurge[] = [];
    for (const { network, before: cut } of cutOffs) {
      const purge = await this.store.readArchive.purge(network, cut);
      const whole = dropped?.reads.find((d) => d.network === network);
      reads.push(whole ? { ...purge, reads: purge.reads + whole.reads, images: purge.images + whole.images } : purge);
    }
    const made = days ? await days.prepare(this.clock.now()) : undefined;
    if (purged > 0) this.feed?.clear();
    const gone = reads.filter((r) => r.reads > 0);
    const partitions = dropped && dropped.days.length > 0 ? { partitionsDropped: dropped.days.length, days: dropped.days } : {};
    if (purged > 0 || gone.length > 0 || dropped?.days.length) {
      await this.log.record('retention_purge', 'success', { username: 'hub' }, { purged, before, reads: gone, ...partitions });
    }
    if (dropped && made) return { purged, before, reads, days: { dropped: dropped.days, made } };
    return { purged, before, reads };
  }
}
