/**
 * The acknowledgement check: every event a desk's outbox accepted is in the hub's log exactly once.
 * Reads the whole log from the store a page at a time (the rows the chain is made of), counts each
 * event id, and asks the store about the missing ones (refused, or never arrived).
 */
import type { HubStore } from '../../src/backend/store/port.js';

export interface AckLogCounts {
  accepted: number;
  /** Accepted by a desk, not in the log (and not refused). */
  missing: number;
  /** In the log more than once. */
  twice: number;
  /** Refused by the hub: none of the soak's events may be (each desk acknowledges an alert it has, once). */
  refused: number;
  logEntries: number;
}

export async function ackLogCheck(store: HubStore, accepted: readonly string[]): Promise<AckLogCounts> {
  const times = new Map<string, number>();
  let logEntries = 0;
  for (let after = 0; ; ) {
    const rows = await store.acks.rows(after, 5_000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const eventId = (JSON.parse(row.body) as { eventId: string }).eventId;
      times.set(eventId, (times.get(eventId) ?? 0) + 1);
      logEntries++;
    }
    after = rows.at(-1)!.seq;
  }
  let missing = 0;
  let twice = 0;
  let refused = 0;
  for (const id of new Set(accepted)) {
    const n = times.get(id) ?? 0;
    if (n > 1) twice++;
    if (n > 0) continue;
    const outcome = await store.acks.outcome(id);
    if (outcome && !outcome.ok) refused++;
    else missing++;
  }
  return { accepted: accepted.length, missing, twice, refused, logEntries };
}
