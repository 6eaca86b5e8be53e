/**
 * Postgres: reads partitioned by the day of their read time (docs/adr/0028), migration 5.
 *
 * `reads` is a RANGE-partitioned table on `read_at` (UTC ISO text, collation "C" so text order is
 * time order under any database locale), one partition `reads_dYYYYMMDD` per day, and a DEFAULT
 * partition that takes a read whose day has none (a camera clock days off, a backlog from before
 * the hub's first day). Retention drops a day's partition whole once every network's retention has
 * passed it; what is left (shorter-retention networks, the DEFAULT partition) goes by batched DELETE.
 *
 * A partitioned table's unique keys must hold the partition key, so the read id alone cannot be one
 * there: `read_ids (id PRIMARY KEY, day, matched)` is the idempotency key, claimed by the same
 * statement that inserts the read (./hotlists.ts), and freed with it.
 */
import type pg from 'pg';
import { type CameraNetwork, type DayDrop, PURGE_BATCH, type ReadDays } from '../read-archive-port.js';
import { LOCK } from './tx.js';

/** Partitions made ahead of the reads: today and the next two days (UTC), by every start and every retention run. */
export const DAYS_AHEAD = 2;
/** The migration makes partitions for the days of the stored reads back this far; older ones go to DEFAULT. */
const MIGRATED_DAYS_BACK = 400;
/** Dropping a partition waits at most this long for its lock: ingest queues behind a waiting DROP. */
const DROP_LOCK_TIMEOUT = '2s';
/** Counting a day's reads before its drop reads the whole partition: far longer than a request may take. */
const COUNT_TIMEOUT_MS = 30 * 60_000;

const DAY_MS = 24 * 3600_000;

/**
 * Read from the catalog with the statement's snapshot, after the advisory lock: `to_regclass` looks in
 * the session's cache, which can still name a table another node dropped while we waited for the lock.
 */
async function tableExists(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1', [name]);
  return rows.length > 0;
}

/** `lock_timeout` ran out (SQLSTATE 55P03 lock_not_available). */
const isLockTimeout = (err: unknown): boolean => (err as { code?: string }).code === '55P03';

/** `2026-11-30` -> `2026-12-01` (UTC days). */
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
export const dayOf = (time: Date): string => time.toISOString().slice(0, 10);
export const partitionName = (day: string): string => `reads_d${day.replaceAll('-', '')}`;
const PARTITION = /^reads_d(\d{4})(\d\d)(\d\d)$/;

const DAY = /^\d{4}-\d\d-\d\d$/;
function checkDay(day: string): string {
  // Days end up in DDL (partition names and bounds cannot be parameters): only ever a plain date.
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00.000Z`))) throw new Error(`not a day: ${day}`);
  return day;
}

/** Migration 5: the unpartitioned `reads` of migrations 2-3 becomes the partitioned one, every row carried over. */
export async function partitionReads(client: pg.ClientBase, now: Date): Promise<void> {
  await client.query(`
    CREATE TABLE read_ids (
      id TEXT PRIMARY KEY,
      day TEXT COLLATE "C" NOT NULL,
      matched BOOLEAN NOT NULL DEFAULT FALSE
    );
    INSERT INTO read_ids (id, day, matched) SELECT id, left(read_at, 10), matched FROM reads;
    ALTER TABLE reads RENAME TO reads_unpartitioned;
    DROP INDEX reads_plate, reads_received, reads_time_plate;
    CREATE TABLE reads (
      id TEXT NOT NULL,
      plate TEXT NOT NULL,
      plate_state TEXT NOT NULL,
      read_at TEXT COLLATE "C" NOT NULL,
      network TEXT NOT NULL,
      domain TEXT NOT NULL,
      received_at TEXT NOT NULL,
      body TEXT NOT NULL,
      images TEXT
    ) PARTITION BY RANGE (read_at);
    CREATE TABLE reads_default PARTITION OF reads DEFAULT;
  `);
  const back = dayOf(new Date(now.getTime() - MIGRATED_DAYS_BACK * DAY_MS));
  const { rows } = await client.query<{ day: string }>(
    `SELECT DISTINCT left(read_at, 10) COLLATE "C" AS day FROM reads_unpartitioned WHERE read_at COLLATE "C" >= $1 ORDER BY 1`,
    [back],
  );
  const days = new Set([...rows.map((r) => r.day).filter((d) => DAY.test(d)), ...daysAhead(now)]);
  // Empty DEFAULT partition, so each is a plain CREATE; the rows are routed by the copy below.
  for (const day of [...days].sort()) {
    await client.query(`CREATE TABLE ${partitionName(checkDay(day))} PARTITION OF reads FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`);
  }
  // Indexes after the copy: one sort per index instead of a row-by-row index update.
  await client.query(`
    INSERT INTO reads (id, plate, plate_state, read_at, network, domain, received_at, body, images)
      SELECT id, plate, plate_state, read_at, network, domain, received_at, body, images FROM reads_unpartitioned;
    DROP TABLE reads_unpartitioned;
    CREATE INDEX reads_plate ON reads (plate, read_at);
    CREATE INDEX reads_time_plate ON reads (read_at, plate);
    CREATE INDEX read_ids_day ON read_ids (day);
    CREATE INDEX reads_default_id ON reads_default (id);
  `);
}

export function daysAhead(now: Date): string[] {
  return Array.from({ length: DAYS_AHEAD + 1 }, (_, i) => dayOf(new Date(now.getTime() + i * DAY_MS)));
}

/** The day partitions of `reads`: made ahead, and dropped whole by retention (`HubStore.readArchive.days`). */
export class PgReadDays implements ReadDays {
  constructor(private readonly pool: pg.Pool) {}

  /** The days that have a partition, oldest first. */
  async list(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reads'::regclass`,
    );
    return rows.flatMap((r) => {
      const m = PARTITION.exec(r.name);
      return m ? [`${m[1]}-${m[2]}-${m[3]}`] : [];
    }).sort();
  }

  /** Makes the partitions of today and the `DAYS_AHEAD` days after it; answers the days it made. */
  async prepare(now: Date): Promise<string[]> {
    const made: string[] = [];
    for (const day of daysAhead(now)) if (await this.ensure(day)) made.push(day);
    return made;
  }

  /**
   * Makes the partition of `day` unless it exists, moving into it the reads of that day that the
   * DEFAULT partition took meanwhile (Postgres refuses to attach a range the DEFAULT one holds rows of).
   */
  async ensure(day: string): Promise<boolean> {
    checkDay(day);
    const name = partitionName(day);
    const end = nextDay(day);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Several nodes run this at start and hourly: one makes it, the others find it made.
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK.readDays]);
      if (await tableExists(client, name)) {
        await client.query('ROLLBACK');
        return false;
      }
      await client.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT}'`);
      // Reads routed to DEFAULT between the move and the attach would make the attach fail.
      await client.query('LOCK TABLE reads_default IN ACCESS EXCLUSIVE MODE');
      await client.query(`CREATE TABLE ${name} (LIKE reads INCLUDING DEFAULTS)`);
      // The CHECK lets ATTACH trust the new table without scanning it.
      await client.query(`ALTER TABLE ${name} ADD CONSTRAINT ${name}_day CHECK (read_at >= '${day}' AND read_at < '${end}')`);
      await client.query(
        `WITH moved AS (DELETE FROM reads_default WHERE read_at >= $1 AND read_at < $2 RETURNING *) INSERT INTO ${name} SELECT * FROM moved`,
        [day, end],
      );
      await client.query(`ALTER TABLE reads ATTACH PARTITION ${name} FOR VALUES FROM ('${day}') TO ('${end}')`);
      await client.query('COMMIT');
      return true;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      // DEFAULT was held by a long search: its reads land in DEFAULT meanwhile, and the next run makes the day.
      if (isLockTimeout(err)) return false;
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Drops every day partition whose whole day was read before `before` (the earliest cut-off of all
   * networks, so every network's retention has passed it), counting its reads first for the report;
   * then frees the ids of every read of a day before `before`'s day (those of the dropped days, and
   * any left by a drop that stopped half-way).
   */
  async drop(before: string): Promise<DayDrop> {
    const out: DayDrop = { days: [], reads: [] };
    const counts = new Map<CameraNetwork, { reads: number; images: number }>();
    for (const day of await this.list()) {
      if (nextDay(day) > before) break;
      const counted = await this.dropDay(day);
      if (!counted) continue;
      out.days.push(day);
      for (const c of counted) {
        const sum = counts.get(c.network) ?? { reads: 0, images: 0 };
        sum.reads += Number(c.reads);
        sum.images += Number(c.images);
        counts.set(c.network, sum);
      }
    }
    out.reads = [...counts].map(([network, c]) => ({ network, ...c }));
    const cutDay = before.slice(0, 10);
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM read_ids WHERE id IN (SELECT id FROM read_ids WHERE day < $1 AND NOT EXISTS (SELECT 1 FROM reads_default d WHERE d.id = read_ids.id) LIMIT ${PURGE_BATCH})`,
        [cutDay],
      );
      if ((rowCount ?? 0) < PURGE_BATCH) break;
    }
    return out;
  }

  /** One day's partition, counted and dropped in one transaction; undefined when it was gone or its lock was not had in time. */
  private async dropDay(day: string): Promise<{ network: CameraNetwork; reads: string; images: string }[] | undefined> {
    const name = partitionName(checkDay(day));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK.readDays]);
      if (!(await tableExists(client, name))) {
        await client.query('ROLLBACK');
        return undefined;
      }
      const { rows } = await client.query<{ network: CameraNetwork; reads: string; images: string }>({
        text: `SELECT network, COUNT(*) AS reads, COUNT(images) AS images FROM ${name} GROUP BY network`,
        query_timeout: COUNT_TIMEOUT_MS,
      } as pg.QueryConfig);
      await client.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT}'`);
      await client.query(`DROP TABLE ${name}`);
      await client.query('COMMIT');
      return rows;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A long search held the table: this day is dropped at the next run instead of stalling ingest now.
      if (isLockTimeout(err)) return undefined;
      throw err;
    } finally {
      client.release();
    }
  }
}
