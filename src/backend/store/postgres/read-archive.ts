/**
 * Postgres: reads searched by plate pattern and time, purged per network in batches, and the
 * searches' record (docs/protocol.md 1.1); migration 3, the twin of ../sqlite/read-archive.ts.
 * Reads are partitioned by day since migration 5 (./read-days.ts, docs/adr/0028): retention drops
 * the days every network is done with whole (`days`), and this batched DELETE takes the rest.
 *
 * The prefix range (`plate >= 'AB' AND plate < 'AC'`) uses `reads_plate` whatever the database's
 * collation: plates are upper-case letters and digits, which every collation orders as "C" does.
 */
import type pg from 'pg';
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
import { PgReadDays, partitionName } from './read-days.js';

export const READ_ARCHIVE_DDL = `
UPDATE reads SET read_at = to_char(read_at::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  WHERE read_at !~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$';
CREATE INDEX reads_time_plate ON reads (read_at, plate);
CREATE TABLE read_searches (
  id BIGSERIAL PRIMARY KEY,
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
CREATE TRIGGER read_searches_append_only BEFORE UPDATE OR DELETE ON read_searches
  FOR EACH ROW EXECUTE FUNCTION opentas_append_only();
CREATE TRIGGER read_searches_no_truncate BEFORE TRUNCATE ON read_searches
  FOR EACH STATEMENT EXECUTE FUNCTION opentas_append_only();
`;

export class PgReadArchive implements ReadArchive {
  readonly days: PgReadDays;

  constructor(private readonly pool: pg.Pool) {
    this.days = new PgReadDays(pool);
  }

  async search(q: ReadQuery): Promise<FoundRead[]> {
    const params: unknown[] = [];
    const arg = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`domain = ${arg(q.domain)}`];
    const p = q.pattern;
    if (p.exact !== undefined) where.push(`plate = ${arg(p.exact)}`);
    else {
      if (p.prefix !== '') where.push(`plate >= ${arg(p.prefix)}`);
      if (p.prefixEnd !== undefined) where.push(`plate < ${arg(p.prefixEnd)}`);
      where.push(`plate LIKE ${arg(p.like)}`);
    }
    if (q.since !== undefined) where.push(`read_at >= ${arg(q.since)}`);
    if (q.until !== undefined) where.push(`read_at < ${arg(q.until)}`);
    if (q.before) {
      const at = arg(q.before.readAt);
      where.push(`(read_at < ${at} OR (read_at = ${at} AND id < ${arg(q.before.id)}))`);
    }
    const { rows } = await this.pool.query<{ read_at: string; body: string }>(
      `SELECT read_at, body FROM reads WHERE ${where.join(' AND ')} ORDER BY read_at DESC, id DESC LIMIT ${arg(q.limit)}`,
      params,
    );
    return rows.map((r) => ({ read: JSON.parse(r.body) as SearchedRead, readAt: r.read_at }));
  }

  /**
   * One table at a time (each day partition that starts before the cut-off, then DEFAULT), named
   * directly: a batch then finds its rows in that one table's time index and deletes them by ctid
   * (reads are never updated since migration 5, so a ctid stays the row's), instead of a join that
   * probes every partition for every row. The read's id claim goes with it, so a read sent again
   * after its purge is taken as new, as before migration 5.
   */
  async purge(network: CameraNetwork, before: string): Promise<ReadPurge> {
    const out: ReadPurge = { network, before, reads: 0, images: 0 };
    const tables = [...(await this.days.list()).filter((day) => day < before).map(partitionName), 'reads_default'];
    for (const table of tables) {
      for (;;) {
        const rows = await this.pool
          .query<{ image: boolean }>(
            `WITH gone AS (
               DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE read_at < $1 AND network = $2 LIMIT ${PURGE_BATCH}))
               RETURNING id, images IS NOT NULL AS image),
             freed AS (DELETE FROM read_ids WHERE id IN (SELECT id FROM gone))
             SELECT image FROM gone`,
            [before, network],
          )
          .then((r) => r.rows)
          // A day another node's retention dropped meanwhile (42P01 undefined_table): its reads are gone.
          .catch((err: unknown) => {
            if ((err as { code?: string }).code === '42P01') return [];
            throw err;
          });
        out.reads += rows.length;
        out.images += rows.filter((r) => r.image).length;
        if (rows.length < PURGE_BATCH) break;
      }
    }
    return out;
  }
}

const SEARCH_COLUMNS = `id, at, user_id AS "userId", username, domain, plate, since, until, purpose, case_number AS "caseNumber", results`;

type SearchRow = Omit<ReadSearchRecord, 'id' | 'domain'> & { id: string; domain: string };

const toRecord = (r: SearchRow): ReadSearchRecord => ({
  ...r,
  id: Number(r.id),
  results: Number(r.results),
  domain: r.domain === 'motor_carrier' ? 'motor_carrier' : 'general',
});

export class PgReadSearchLog implements ReadSearchLog {
  constructor(private readonly pool: pg.Pool) {}

  async add(s: NewReadSearch): Promise<ReadSearchRecord> {
    const { rows } = await this.pool.query<SearchRow>(
      `INSERT INTO read_searches (at, user_id, username, domain, plate, since, until, purpose, case_number, results)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SEARCH_COLUMNS}`,
      [s.at, s.userId, s.username, s.domain, s.plate, s.since, s.until, s.purpose, s.caseNumber, s.results],
    );
    return toRecord(rows[0]!);
  }

  async list(q: { since?: string; until?: string; userId?: string; beforeId?: number; limit: number }): Promise<ReadSearchRecord[]> {
    const params: unknown[] = [];
    const where = ['TRUE'];
    const add = (clause: (n: string) => string, v: unknown): void => {
      if (v === undefined) return;
      params.push(v);
      where.push(clause(`$${params.length}`));
    };
    add((n) => `at >= ${n}`, q.since);
    add((n) => `at < ${n}`, q.until);
    add((n) => `user_id = ${n}`, q.userId);
    add((n) => `id < ${n}`, q.beforeId);
    params.push(q.limit);
    const { rows } = await this.pool.query<SearchRow>(
      `SELECT ${SEARCH_COLUMNS} FROM read_searches WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  async searchers(since: string, until: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ userId: string }>('SELECT user_id AS "userId" FROM read_searches WHERE at >= $1 AND at < $2', [since, until]);
    return rows.map((r) => r.userId);
  }
}
