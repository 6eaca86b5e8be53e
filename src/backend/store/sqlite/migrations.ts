/**
 * The SQLite store's migrations (see ../schema-version.ts). Migration 1 is the schema of protocol
 * 1.1 as hubs before versioning created it at every start: its DDL is idempotent (IF NOT EXISTS,
 * ADD COLUMN when missing, the log's search rows filled for entries that lack them), so a folder
 * written by any versionless hub reaches the same schema and is then marked version 1.
 *
 * Each migration runs in one IMMEDIATE transaction (the write lock first, then the version read
 * again), so two processes opening one folder at once apply it once.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS_TABLE, type Migration, type MigrationReport, pending } from '../schema-version.js';
import { HOTLIST_DDL } from './hotlists.js';
import { LOCAL_ENTRY_DDL } from './local-entries.js';
import { READ_ARCHIVE_DDL } from './read-archive.js';
import { createReviewSchema } from './review.js';
import { createSchema } from './schema.js';

export type SqliteMigration = Migration<Database.Database>;

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'protocol 1.1 schema (versionless stores brought up to it)',
    up(db) {
      createSchema(db);
      createReviewSchema(db);
    },
  },
  {
    version: 2,
    name: 'hot lists and reads (protocol 1.1, issue 11)',
    up(db) {
      db.exec(HOTLIST_DDL);
    },
  },
  {
    version: 3,
    name: 'read searches and their record, read times in UTC (protocol 1.1, issue 11)',
    up(db) {
      db.exec(READ_ARCHIVE_DDL);
    },
  },
  {
    version: 4,
    name: 'local hot-list entries (protocol 1.1, issue 11)',
    up(db) {
      db.exec(LOCAL_ENTRY_DDL);
    },
  },
];

/** The store's schema version: 0 when it has no migrations table (versionless, or new). */
export function sqliteSchemaVersion(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (table === undefined) return 0;
  return (db.prepare(`SELECT COALESCE(MAX(version), 0) AS v FROM ${MIGRATIONS_TABLE}`).get() as { v: number })
    .v;
}

export function migrateSqlite(
  db: Database.Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
  now: () => Date = () => new Date(),
): MigrationReport {
  const from = sqliteSchemaVersion(db);
  const applied: MigrationReport['applied'] = [];
  for (const m of pending(migrations, from)) {
    const apply = db.transaction(() => {
      // Another process may have applied it between our read and our lock.
      if (sqliteSchemaVersion(db) >= m.version) return;
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
      m.up(db, now());
      db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`).run(
        m.version,
        m.name,
        now().toISOString(),
      );
      applied.push({ version: m.version, name: m.name });
    });
    apply.immediate();
  }
  // Re-read: checks the store did not move past us while we waited (a newer hub in parallel).
  const to = sqliteSchemaVersion(db);
  pending(migrations, to);
  return { from, to, applied };
}
