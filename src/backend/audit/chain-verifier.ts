/**
 * Recomputes the acknowledgement log's hash chain from the rows on disk and reports the first entry
 * whose hash or link does not hold (docs/protocol.md `GET /audit/verify`, `opentas-hub audit verify`).
 */
import { GENESIS_HASH } from '../../shared/chain.js';
import type { AckLogStore } from '../store/port.js';
import { bytesHash, entryHash } from './chain-hash.js';

export interface ChainReport {
  ok: boolean;
  entries: number;
  head: string;
  firstBadSeq?: number;
  reason?: string;
}

const PAGE = 1000;

export async function verifyChain(log: AckLogStore): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await log.rows(expectedSeq - 1, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const bad = (reason: string): ChainReport => ({ ok: false, entries, head: prev, firstBadSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return { ...bad(`entry ${expectedSeq} is missing`), firstBadSeq: expectedSeq };
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(row.body) as Record<string, unknown>;
      } catch {
        return bad('the stored entry is not valid JSON');
      }
      if (entry.seq !== row.seq) return bad('the entry names another seq');
      if (entry.prevHash !== prev) return bad('prevHash does not match the previous entry');
      // The stores keep each entry's canonical JSON exactly as it was hashed, so hashing the stored
      // bytes is the check, without re-serialising (most of the time at 1,000,000 entries). Bytes that
      // were rewritten into another form of the same entry fall back to the canonical form.
      if (bytesHash(prev, row.body) !== row.hash && entryHash(prev, entry) !== row.hash) return bad('the hash does not match the entry');
      prev = row.hash;
      expectedSeq++;
      entries++;
    }
    // A page at a time, letting the hub answer others in between: SQLite reads and hashing are
    // synchronous, so without this a check of 100,000 entries (seconds) held every other request,
    // and the supervisor's log, asked for alongside the check, waited for all of it.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { ok: true, entries, head: prev };
}
