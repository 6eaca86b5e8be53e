/** Takes a validated hit: stores it (which numbers it), then, and only then, publishes it to the feed. */
import type { Hit } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import type { AlertStore, IngestResult } from '../store/port.js';
import type { AlertFeed } from './alert-feed.js';

export class HitIngest {
  constructor(
    private readonly store: AlertStore,
    private readonly feed: AlertFeed,
    private readonly clock: Clock,
    private readonly metrics: HubMetrics,
  ) {}

  async ingest(hit: Hit): Promise<IngestResult> {
    const result = await this.store.ingest(hit, this.clock.now().toISOString());
    if (!result.duplicate) {
      this.metrics.hitStored();
      this.feed.publish({ seq: result.seq, alert: result.alert });
    }
    return result;
  }
}
