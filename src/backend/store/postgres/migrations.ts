/**
 * The Postgres store's migrations (see ../schema-version.ts), the twin of ../sqlite/migrations.ts.
 * Each runs in one transaction holding the schema advisory lock, and reads the version again under
 * it: several hub nodes starting together apply each migration once, and the others wait and skip.
 */
import type pg from 'pg';
import { MIGRATIONS_TABLE, type Migration, type MigrationReport, pending } from '../schema-version.js';
import { HOTLIST_DDL } from './hotlists.js';
import { LOCAL_ENTRY_DDL } from './local-entries.js';
import { READ_ARCHIVE_DDL } from './read-archive.js';
import { partitionReads } from './read-days.js';
import { applyReviewSchema } from './review.js';
import { applyBaseSchema } from './schema.js';
import { LOCK } from './tx.js';

export type PgMigration = Migration<pg.ClientBase>;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'protocol 1.1 schema (versionless stores brought up to it)',
    async up(client) {
      await applyBaseSchema(client);
      await applyReviewSchema(client);
    },
  },
  {
    version: 2,
    name: 'hot lists and reads (protocol 1.1, issue 11)',
    async up(client) {
      await client.query(HOTLIST_DDL);
    },
  },
  {
    version: 3,
    name: 'read searches and their record, read times in UTC (protocol 1.1, issue 11)',
    async up(client) {
      await client.query(READ_ARCHIVE_DDL);
    },
  },
  {
    version: 4,
    name: 'local hot-list entries (protocol 1.1, issue 11)',
    async up(client) {
      await client.query(LOCAL_ENTRY_DDL);
    },
  },
  {
    version: 5,
    name: 'reads partitioned by day, read ids kept apart (issue 11)',
    async up(client, now) {
      await partitionReads(client, now);
    },
  },
];

/** The database's schema version: 0 when it has no migrations table (versionless, or new). */
export async function pgSchemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
    MIGRATIONS_TABLE,
  ]);
  if (!rows[0]?.t) return 0;
  const v = await client.query<{ v: number }>(
    `SELECT COALESCE(MAX(version), 0)::int AS v FROM ${MIGRATIONS_TABLE}`,
  );
  return v.rows[0]?.v ?? 0;
}

export async function migratePostgres(
  client: pg.ClientBase,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
  now: () => Date = () => new Date(),
): Promise<MigrationReport> {
  const from = await pgSchemaVersion(client);
  const applied: MigrationReport['applied'] = [];
  for (const m of pending(migrations, from)) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK.schema]);
      if ((await pgSchemaVersion(client)) < m.version) {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
        );
        await m.up(client, now());
        await client.query(
          `INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`,
          [m.version, m.name, now().toISOString()],
        );
        applied.push({ version: m.version, name: m.name });
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  const to = await pgSchemaVersion(client);
  pending(migrations, to);
  return { from, to, applied };
}
