/**
 * The hot lists a hub node matches against: the store holds each list whole (one row, entries
 * gzip'd), the Matcher holds them indexed. A list replaced here is stored first, then indexed and
 * swapped in (the old one matches until then); a list replaced on another node (same Postgres) is
 * noticed by its version and loaded in the background, the old one matching meanwhile.
 */
import type { HotlistUpload } from '../../shared/protocol/index.js';
import type { Clock } from '../clock.js';
import { type HotlistHead, headOf, storedEntries as packForStore } from './hotlist-upload.js';
import { type ReceivedList, storedEntries, yieldToLoop } from './hotlist-reader.js';
import { ListIndex, Matcher, type ListEntry } from './matcher.js';
import type { HotlistRecord, HotlistStore } from '../store/hotlist-port.js';

/**
 * Entries made and indexed per slice on the hub's thread: about 20-40 ms on a loaded two-core machine
 * (50,000 a slice stalled the loop for 200 ms and more at 1,000,000 entries).
 */
const SLICE = 10_000;

/** How often a node asks the store whether another node replaced a list. */
const SYNC_EVERY_MS = 1_000;

/**
 * Stores a validated list whole (also what `opentas-hub hotlist import` does; running hubs then load
 * it by its new version). The entries are stored as validated (unknown fields were refused), so what
 * a node loads back is exactly what it would index.
 */
export async function storeList(store: HotlistStore, id: string, upload: HotlistUpload, now: Date): Promise<HotlistRecord> {
  return putList(store, id, headOf(upload), upload.entries.length, await packForStore(upload.entries), now);
}

/** One row: the list's head and its entries already gzip'd (`ReceivedList.stored`). */
function putList(store: HotlistStore, id: string, head: HotlistHead, count: number, body: Buffer, now: Date): Promise<HotlistRecord> {
  return store.put(
    {
      id,
      name: head.name,
      source: head.source,
      domain: head.domain ?? 'general',
      downloadedAt: head.downloadedAt,
      entries: count,
      updatedAt: now.toISOString(),
    },
    body,
  );
}

export class HotlistBook {
  readonly matcher = new Matcher();
  /** The version of each list the matcher holds. */
  private readonly held = new Map<string, number>();
  private loading: Promise<void> | undefined;
  private first: Promise<void> | undefined;
  private lastSync = 0;

  constructor(
    private readonly store: HotlistStore,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Resolves once every stored list is in the matcher (the first load; retried after a failure). */
  ready(): Promise<void> {
    this.first ??= this.load().catch((err: unknown) => {
      this.first = undefined;
      throw err;
    });
    return this.first;
  }

  /** Starts loading lists replaced elsewhere, at most once a second, without waiting for it. */
  syncSoon(): void {
    const now = this.clock.now().getTime();
    if (this.loading || now - this.lastSync < SYNC_EVERY_MS) return;
    this.lastSync = now;
    void this.load().catch(this.onError);
  }

  /** Stores a list taken from a request (./hotlist-reader.ts), then indexes it and swaps it in. */
  async replace(id: string, list: ReceivedList): Promise<HotlistRecord> {
    await this.ready();
    // The row's write is synchronous on SQLite (up to a second for a 10 MiB row when a WAL checkpoint falls
    // in it): alone between two yields, not one stretch with the worker's answer and the first slice.
    await yieldToLoop();
    const record = await putList(this.store, id, list.head, list.count, list.stored, this.clock.now());
    await yieldToLoop();
    await this.swapIn(record, await list.entries(yieldToLoop, SLICE));
    return record;
  }

  list(): Promise<HotlistRecord[]> {
    return this.store.list();
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        for (const record of await this.store.list()) {
          if ((this.held.get(record.id) ?? 0) >= record.version) continue;
          const stored = await this.store.body(record.id);
          if (!stored) continue;
          // Parsed on a worker thread when big (seconds for 1,000,000 entries), the entries made a slice at a time.
          await this.swapIn(stored.record, await storedEntries(stored.body, yieldToLoop, SLICE));
        }
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /**
   * Indexes a list (a slice at a time, so alerts go on being delivered) and swaps it in, unless the
   * matcher already holds this version or a newer one.
   */
  private async swapIn(record: HotlistRecord, entries: readonly ListEntry[]): Promise<void> {
    if ((this.held.get(record.id) ?? 0) >= record.version) return;
    const info = { id: record.id, source: record.source, domain: record.domain };
    const index = await ListIndex.build(info, entries, yieldToLoop, SLICE);
    // A newer version may have been swapped in while this one was being indexed.
    if ((this.held.get(record.id) ?? 0) >= record.version) return;
    this.matcher.install(index);
    this.held.set(record.id, record.version);
  }
}
