/**
 * The soak's alerts and their ingest. Alerts are drawn from the seed: a category by weight, a point
 * inside a random Illinois county (one in ten anywhere in the state's box, so some fall in no zone).
 * Ingest posts each to the nodes in turn, paced over the fault period, several in flight like a busy
 * adapter; a connection error, a timeout or a 5xx is retried (on the other node) with the same hit id,
 * which is the idempotency key (docs/protocol.md, Hit), so a fault never loses a posted alert and a
 * retry never makes a second one. An alert counts as posted once a hub answered 2xx.
 */
import { ZoneIndex } from '../../src/shared/geo/zone-index.js';
import type { Random } from '../../src/shared/seeded-random.js';
import type { Category, Hit, Zone } from '../../src/shared/protocol/index.js';
import { postJson, withTimeout } from '../bench/support/latency-run.js';
import { CATEGORY_WEIGHTS } from './agency.js';

const BOX = { minLon: -91.52, maxLon: -87.49, minLat: 36.97, maxLat: 42.51 };
const REQUEST_TIMEOUT_MS = 15_000;

export class AlertMaker {
  private readonly index: ZoneIndex;
  private readonly total = CATEGORY_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  private serial = 0;

  constructor(
    zones: Zone[],
    private readonly random: Random,
    private readonly prefix: string,
  ) {
    this.index = new ZoneIndex(zones);
  }

  next(): Hit {
    const n = ++this.serial;
    const plate = `S${String(n).padStart(7, '0')}`;
    const category = this.category();
    return {
      id: `${this.prefix}-${n}`,
      plate,
      plateState: 'IL',
      readAt: new Date().toISOString(),
      location: this.point(),
      camera: { id: 'isp-i55-0101', name: 'I-55 SB @ MP 101', type: 'stationary', network: 'isp' },
      category,
      hotlist: { source: 'NCIC', plate, state: 'IL', reason: `soak ${category}`, entryId: `E${n}` },
      confidence: 0.94,
      vehicle: { make: 'Toyota', model: 'Camry', color: 'Silver' },
    };
  }

  private category(): Category {
    let r = this.random() * this.total;
    for (const [c, w] of CATEGORY_WEIGHTS) if ((r -= w) < 0) return c;
    return 'stolen';
  }

  private point(): { lat: number; lon: number } {
    const anywhere = this.random() < 0.1;
    for (;;) {
      const lon = BOX.minLon + this.random() * (BOX.maxLon - BOX.minLon);
      const lat = BOX.minLat + this.random() * (BOX.maxLat - BOX.minLat);
      if (anywhere || this.index.containsAny(lon, lat)) return { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) };
    }
  }
}

export interface IngestCounts {
  posted: number;
  /** Requests sent again after a fault (connection error, timeout, 5xx). */
  retried: number;
}

/** Whether a failed POST may be sent again: no answer at all, or the hub's own trouble (5xx). */
function retriable(err: Error): boolean {
  const status = /answered (\d+)/.exec(err.message)?.[1];
  return status === undefined || Number(status) >= 500;
}

/** Posts `hit` until some node answers 2xx, starting at node `first` and turning to the other after each failure. */
export async function ingest(hit: Hit, nodeUrls: () => string[], first: number, key: string, counts: IngestCounts): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const urls = nodeUrls();
    const url = urls[(first + attempt) % urls.length]!;
    try {
      await withTimeout(postJson(`${url}/api/v1/hits`, hit, key), REQUEST_TIMEOUT_MS, `POST /hits ${hit.id}`);
      counts.posted++;
      return;
    } catch (err) {
      if (!retriable(err as Error)) throw err;
      if (attempt >= 200) throw new Error(`${hit.id}: no node took it after ${attempt} attempts: ${(err as Error).message}`);
      counts.retried++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * (attempt + 1))));
    }
  }
}
