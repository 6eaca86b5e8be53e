/**
 * Hot-list freshness on the hub side (issue 11): each list's age and whether it is stale (older than
 * the policy's `hotlistStaleHours`, the same rule as `GET /hotlists`), read by the Prometheus gauges
 * at scrape time, and a watch that writes ONE warning line when a list turns stale (again only after
 * a fresh download of it went stale in turn), not one a minute: an operator's log must stay readable.
 */
import type { Clock } from '../clock.js';
import type { HubStore } from '../store/port.js';

export interface ListAge {
  id: string;
  source: string;
  ageSeconds: number;
  stale: boolean;
  downloadedAt: string;
}

export async function listAges(store: Pick<HubStore, 'hotlists' | 'policy'>, now: Date): Promise<ListAge[]> {
  const [{ hotlistStaleHours }, lists] = await Promise.all([store.policy.get(), store.hotlists.list()]);
  const nowMs = now.getTime();
  return lists.map((l) => {
    const ageMs = nowMs - Date.parse(l.downloadedAt);
    return { id: l.id, source: l.source, ageSeconds: Math.max(0, Math.floor(ageMs / 1000)), stale: ageMs > hotlistStaleHours * 3_600_000, downloadedAt: l.downloadedAt };
  });
}

export class StaleListWatch {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Each stale list's download time as warned about: a new download that goes stale warns again. */
  private readonly warned = new Map<string, string>();

  constructor(
    private readonly store: Pick<HubStore, 'hotlists' | 'policy'>,
    private readonly clock: Clock,
    private readonly warn: (line: string) => void,
  ) {}

  /** Checks now and every `everyMs` (a minute by default: stale is counted in hours). */
  schedule(onError: (err: unknown) => void, everyMs = 60_000): void {
    // A check still reading when the hub closes its store is not an error worth a line.
    const check = (): void => void this.run().catch((err: unknown) => this.stopped || onError(err));
    check();
    this.timer = setInterval(check, everyMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Warns about the lists that turned stale since the last check; answers their ids. */
  async run(): Promise<string[]> {
    const ages = await listAges(this.store, this.clock.now());
    const turned: string[] = [];
    for (const l of ages) {
      if (!l.stale) {
        this.warned.delete(l.id);
        continue;
      }
      if (this.warned.get(l.id) === l.downloadedAt) continue;
      this.warned.set(l.id, l.downloadedAt);
      turned.push(l.id);
      this.warn(`[hub] WARNING: hot list ${l.id} (${l.source}) is stale: downloaded ${l.downloadedAt}, ${Math.floor(l.ageSeconds / 3600)} h ago; alerts may rest on cleared entries and miss new ones`);
    }
    return turned;
  }
}
