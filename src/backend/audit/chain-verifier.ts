/**
 * Recomputes the acknowledgement log's hash chain from the rows on disk and reports the first entry
 * whose hash or link does not hold (docs/protocol.md `GET /audit/verify`, `opentas-hub audit verify`).
 * A store that can check faster by itself (SQLite: stretches of the log on worker threads) offers
 * `checkChain`; otherwise the log is read a page at a time through the port.
 */
import { GENESIS_HASH } from '../../shared/chain.js';
import type { AckLogStore, ChainCheckOptions } from '../store/port.js';
import { type ChainReport, ChainStretch, joinStretches } from './chain-stretch.js';

export type { ChainReport } from './chain-stretch.js';

const PAGE = 1000;

export function verifyChain(log: AckLogStore, options: ChainCheckOptions = {}): Promise<ChainReport> {
  return log.checkChain ? log.checkChain(options) : verifyChainByPages(log);
}

/** The check through the port alone, a page at a time (Postgres; and the reference the faster checks are tested against). */
export async function verifyChainByPages(log: Pick<AckLogStore, 'rows'>): Promise<ChainReport> {
  const stretch = new ChainStretch({ from: 1, prevHash: GENESIS_HASH });
  let after = 0;
  for (;;) {
    const rows = await log.rows(after, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) if (!stretch.add(row.seq, row.body, row.hash)) return joinStretches([stretch.report()]);
    after = rows[rows.length - 1]!.seq;
    // A page at a time, letting the hub answer others in between: reads and hashing are synchronous
    // on SQLite, so without this a check of 100,000 entries (seconds) held every other request.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return joinStretches([stretch.report()]);
}
