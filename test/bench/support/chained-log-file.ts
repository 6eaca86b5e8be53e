/**
 * Writes an acknowledgement log of any length straight into a new hub SQLite folder, chained and
 * hashed by the hub's own functions, for the chain-check benchmark (1,000,000 entries in well under
 * a minute; the hub's append path would take minutes). Only `ack_log` rows: no alerts, receipts or
 * search rows, which the chain check does not read. review-log-file.ts writes a whole history.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { entryHash } from '../../../src/backend/audit/chain-hash.js';
import { dbPath, openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import { GENESIS_HASH, canonicalJson } from '../../../src/shared/chain.js';
import type { AckEntry } from '../../../src/shared/protocol/index.js';

const BATCH = 10_000;

export async function writeChainedLog(dir: string, entries: number, progress: (line: string) => void = () => undefined): Promise<void> {
  await openSqliteStore(dir).close(); // the schema, at the program's version
  const db = new Database(dbPath(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash) VALUES (?,?,?,?,?,?,?,?)',
  );
  const start = Date.UTC(2026, 0, 1);
  let prevHash = GENESIS_HASH;
  const batch = db.transaction((from: number, to: number) => {
    for (let seq = from; seq <= to; seq++) {
      const at = new Date(start + seq * 1000).toISOString();
      const entry: Omit<AckEntry, 'hash'> = {
        eventId: randomUUID(), alertId: `bench-alert-${Math.ceil(seq / 2)}`, type: seq % 2 === 1 ? 'acknowledged' : 'verified', at,
        ...(seq % 2 === 0 ? { verification: { system: 'LEADS' as const, result: 'confirmed' as const, plateMatchesImage: true, stateMatches: true } } : {}),
        seq, userId: `bench-u-${seq % 45}`, username: `bench-u-${seq % 45}`, clientId: 'bench-desk', serverAt: at, prevHash,
      };
      const hash = entryHash(prevHash, entry);
      insert.run(seq, entry.eventId, entry.alertId, entry.userId, 'stolen', at, canonicalJson(entry), hash);
      prevHash = hash;
    }
  });
  try {
    for (let from = 1; from <= entries; from += BATCH) {
      batch(from, Math.min(entries, from + BATCH - 1));
      if ((from - 1 + BATCH) % 100_000 === 0) progress(`writing the log: ${Math.min(entries, from - 1 + BATCH)} of ${entries}`);
    }
  } finally {
    db.close();
  }
}
