/**
 * The chain check as it was before issue 13's work (commit 39b428d^ of src/backend/audit/chain-verifier.ts
 * and chain-hash.ts), kept for the log benchmark to measure against in the same run: rows read as
 * objects through the store port 1,000 at a time, each parsed with JSON.parse, hashed with createHash.
 */
import { createHash } from 'node:crypto';
import type { ChainReport } from '../../../src/backend/audit/chain-verifier.js';
import type { AckLogStore } from '../../../src/backend/store/port.js';
import { GENESIS_HASH, entryHashInput } from '../../../src/shared/chain.js';

const PAGE = 1000;
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export async function verifyChainBefore(log: Pick<AckLogStore, 'rows'>): Promise<ChainReport> {
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
      if (sha256(prev + row.body) !== row.hash && sha256(entryHashInput(prev, entry)) !== row.hash) return bad('the hash does not match the entry');
      prev = row.hash;
      expectedSeq++;
      entries++;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { ok: true, entries, head: prev };
}
