/**
 * `POST /reads` (docs/protocol.md 1.1): records a batch of reads, matches the ones not matched
 * before against every list (one matcher snapshot for the whole batch), and turns each match into
 * an alert through the same durable path a posted hit takes (HitIngest: stored and numbered, then
 * fanned out). A read is marked matched only after its alerts are stored, so a hub that stops in
 * between matches it again when the adapter resends it, and the alert ids keep that to one alert.
 */
import type { Read, ReadBatchAnswer } from '../../shared/protocol/index.js';
import type { HitIngest } from '../alerts/hit-ingest.js';
import type { Clock } from '../clock.js';
import type { PolicyStore } from '../store/port.js';
import type { ReadStore } from '../store/hotlist-port.js';
import type { HotlistBook } from './hotlist-book.js';
import type { LocalEntries } from './local-entries.js';
import { hitFromMatch } from './read-hit.js';

export class ReadIntake {
  constructor(
    private readonly reads: ReadStore,
    private readonly policy: PolicyStore,
    private readonly book: HotlistBook,
    private readonly local: LocalEntries,
    private readonly ingest: HitIngest,
    private readonly clock: Clock,
  ) {}

  async take(batch: readonly Read[]): Promise<ReadBatchAnswer> {
    await this.book.ready();
    this.book.syncSoon();
    // Local entries are few and change by hand: checked every batch, so a removal holds on every node at once.
    await this.local.fresh();
    const unique = new Map<string, Read>();
    for (const read of batch) if (!unique.has(read.id)) unique.set(read.id, read);
    const reads = [...unique.values()];
    const recorded = await this.reads.record(reads, this.clock.now().toISOString());
    const settled = new Set(recorded.settled);
    const pending = reads.filter((r) => !settled.has(r.id));
    const { ocrEquivalence } = await this.policy.get();
    const matches = this.book.matcher.match(pending, { lookalike: ocrEquivalence, nowMs: this.clock.now().getTime() });
    const hits: ReadBatchAnswer['hits'] = [];
    for (const m of matches) {
      const read = pending[m.read]!;
      const stored = await this.ingest.ingest(hitFromMatch(read, m));
      hits.push({ readId: read.id, alertId: stored.alert.id, seq: stored.seq });
    }
    await this.reads.markMatched(pending.map((r) => r.id));
    const accepted = reads.length - recorded.duplicates.length;
    return { accepted, duplicates: batch.length - accepted, hits };
  }
}
