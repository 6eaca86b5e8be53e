/**
 * SQLite: reads searched by plate pattern and time, purged per network, and the searches' record
 * (docs/protocol.md 1.1); migration 3. An exact plate is looked up through `reads_plate (plate,
 * read_at)`; a pattern with a known prefix through the same index as a range; one starting with a
 * wildcard walks `reads_time_plate (read_at, plate)` newest first, testing the plate in the index
 * before touching a row (its cost: docs/performance.md "reads search").
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { ReadSearchRecord, SearchedRead } from '../../../shared/protocol/index.js';
import {
  type CameraNetwork,
  type FoundRead,
  type NewReadSearch,
  PURGE_BATCH,
  type ReadArchive,
  type ReadPurge,
  type ReadQuery,
  type ReadSearchLog,
} from '../read-archive-port.js';

/**
 * Read times were stored as the camera sent them (any zone offset); the searches and purges compare
 * them as text, so they become UTC with milliseconds here, and the intake stores them so from now on.
 */
export const READ_ARCHIVE_DDL = `
UPDATE reads SET read_at = strftime('%Y-%m-%dT%H:%M:%fZ', read_at)
  WHERE read_at <> strftime('%Y-%m-%dT%H:%M:%fZ', read_at) AND strftime('%Y-%m-%dT%H:%M:%fZ', read_at) IS NOT NULL;
CREATE INDEX reads_time_plate ON reads (read_at, plate);
CREATE TABLE read_searches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  username TEXT NOT NULL,
  domain TEXT NOT NULL,
  plate TEXT NOT NULL,
  since TEXT,
  until TEXT,
  purpose TEXT NOT NULL,
  case_number TEXT NOT NULL,
  results INTEGER NOT NULL
);
CREATE INDEX read_searches_at ON read_searches (at);
CREATE INDEX read_searches_user ON read_searches (user_id, id);
CREATE TRIGGER read_searches_no_update BEFORE UPDATE ON read_searches
  BEGIN SELECT RAISE(ABORT, 'read_searches is append-only'); END;
CREATE TRIGGER read_searches_no_delete BEFORE DELETE ON read_searches
  BEGIN SELECT RAISE(ABORT, 'read_searches is append-only'); END;
`;

/** The WHERE clause and parameters of a search (exported for the query-plan test). */
export function searchSql(q: ReadQuery): { sql: string; params: Record<string, unknown> } {
  const where = ['domain = @domain'];
  const params: Record<string, unknown> = { domain: q.domain, limit: q.limit };
  const p = q.pattern;
  if (p.exact !== undefined) {
    where.push('plate = @exact');
    params.exact = p.exact;
  } else {
    if (p.prefix !== '') {
      where.push('plate >= @prefix');
      params.prefix = p.prefix;
      if (p.prefixEnd !== undefined) {
        where.push('plate < @prefixEnd');
        params.prefixEnd = p.prefixEnd;
      }
    }
    where.push('plate GLOB @glob');
    params.glob = p.glob;
  }
  if (q.since !== undefined) {
    where.push('read_at >= @since');
    params.since = q.since;
  }
  if (q.until !== undefined) {
    where.push('read_at < @until');
    params.until = q.until;
  }
  if (q.before) {
    where.push('(read_at < @beforeAt OR (read_at = @beforeAt AND id < @beforeId))');
    params.beforeAt = q.before.readAt;
    params.beforeId = q.before.id;
  }
  return {
    sql: `SELECT id, read_at AS readAt, body FROM reads WHERE ${where.join(' AND ')} ORDER BY read_at DESC, id DESC LIMIT @limit`,
    params,
  };
}

export class SqliteReadArchive implements ReadArchive {
  constructor(private readonly db: Database.Database) {}

  async search(q: ReadQuery): Promise<FoundRead[]> {
    const { sql, params } = searchSql(q);
    const rows = this.db.prepare(sql).all(params) as { id: string; readAt: string; body: string }[];
    return rows.map((r) => ({ read: JSON.parse(r.body) as SearchedRead, readAt: r.readAt }));
  }

  async purge(network: CameraNetwork, before: string): Promise<ReadPurge> {
    const batch = this.db.prepare(
      `DELETE FROM reads WHERE rowid IN (SELECT rowid FROM reads WHERE read_at < ? AND network = ? LIMIT ${PURGE_BATCH})
       RETURNING images IS NOT NULL AS image`,
    );
    const out: ReadPurge = { network, before, reads: 0, images: 0 };
    for (;;) {
      const gone = batch.all(before, network) as { image: number }[];
      out.reads += gone.length;
      out.images += gone.filter((g) => g.image === 1).length;
      if (gone.length < PURGE_BATCH) return out;
      await yieldToLoop();
    }
  }
}

interface SearchRow {
  id: number;
  at: string;
  userId: string;
  username: string;
  domain: string;
  plate: string;
  since: string | null;
  until: string | null;
  purpose: string;
  caseNumber: string;
  results: number;
}

const SEARCH_COLUMNS = `id, at, user_id AS userId, username, domain, plate, since, until, purpose, case_number AS caseNumber, results`;

export const toSearchRecord = (r: SearchRow): ReadSearchRecord => ({
  ...r,
  id: Number(r.id),
  results: Number(r.results),
  domain: r.domain === 'motor_carrier' ? 'motor_carrier' : 'general',
});

export class SqliteReadSearchLog implements ReadSearchLog {
  constructor(private readonly db: Database.Database) {}

  async add(s: NewReadSearch): Promise<ReadSearchRecord> {
    const row = this.db
      .prepare(
        `INSERT INTO read_searches (at, user_id, username, domain, plate, since, until, purpose, case_number, results)
         VALUES (@at, @userId, @username, @domain, @plate, @since, @until, @purpose, @caseNumber, @results) RETURNING ${SEARCH_COLUMNS}`,
      )
      .get(s) as SearchRow;
    return toSearchRecord(row);
  }

  async list(q: { since?: string; until?: string; userId?: string; beforeId?: number; limit: number }): Promise<ReadSearchRecord[]> {
    const where = ['1 = 1'];
    const params: Record<string, unknown> = { limit: q.limit };
    const add = (key: 'since' | 'until' | 'userId' | 'beforeId', clause: string): void => {
      if (q[key] === undefined) return;
      where.push(clause);
      params[key] = q[key];
    };
    add('since', 'at >= @since');
    add('until', 'at < @until');
    add('userId', 'user_id = @userId');
    add('beforeId', 'id < @beforeId');
    const rows = this.db
      .prepare(`SELECT ${SEARCH_COLUMNS} FROM read_searches WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`)
      .all(params) as SearchRow[];
    return rows.map(toSearchRecord);
  }

  async searchers(since: string, until: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT user_id AS userId FROM read_searches WHERE at >= ? AND at < ?').all(since, until) as { userId: string }[];
    return rows.map((r) => r.userId);
  }
}
