/** The embedded store: one SQLite file (WAL) in the data directory, or memory when none is given. */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HubStore } from '../port.js';
import { SqliteAuditStore, SqliteIngestKeyStore, SqliteSecretStore, SqliteSessionStore, SqliteUserStore } from './accounts.js';
import { SqliteAckLogStore } from './acks.js';
import { SqliteHotlistStore, SqliteReadStore } from './hotlists.js';
import { SqliteLocalEntryStore } from './local-entries.js';
import { SqliteReadArchive, SqliteReadSearchLog } from './read-archive.js';
import { SqliteAlertStore, SqliteReceiptStore } from './alerts.js';
import type { MigrationReport } from '../schema-version.js';
import { startCheckpointer } from './checkpointer.js';
import { migrateSqlite } from './migrations.js';
import { SqliteReviewStore } from './review.js';
import { SqlitePolicyStore, SqliteZoneStore } from './zones-policy.js';

export const DB_FILE = 'hub.sqlite';

export function dbPath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

/**
 * The data folder holds criminal-justice information and the hub's key: only the hub's user may
 * read it (CJIS SC-28). The folder is 0700 and the database 0600, also when an older hub made them
 * world-readable; SQLite gives its -wal and -shm files the database file's mode.
 */
export function lockDownDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = dbPath(dataDir);
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'a' });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export interface SqliteOptions {
  /** Told which migrations opening applied (`opentas-hub migrate` prints it). */
  onMigrated?: (report: MigrationReport) => void;
}

export function openSqliteStore(dataDir: string | undefined, options: SqliteOptions = {}): HubStore {
  let db: Database.Database;
  if (dataDir) {
    lockDownDataDir(dataDir);
    db = new Database(dbPath(dataDir));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } else {
    db = new Database(':memory:');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    // Brings a store written by an older hub up to date (refuses one written by a newer hub).
    const report = migrateSqlite(db);
    options.onMigrated?.(report);
  } catch (err) {
    db.close();
    throw err;
  }
  // Checkpoints on a thread of their own (checkpointer.ts). Inline they ran every ~40 MB of WAL rather
  // than every 4 MB: each fsyncs, and with 2,000 desks' receipts the default made row writes 2-3x dearer.
  const checkpointer = startCheckpointer(db);
  const receipts = new SqliteReceiptStore(db);
  const acks = new SqliteAckLogStore(db);
  return {
    users: new SqliteUserStore(db),
    sessions: new SqliteSessionStore(db),
    keys: new SqliteIngestKeyStore(db),
    alerts: new SqliteAlertStore(db, () => receipts.flush()),
    receipts,
    acks,
    zones: new SqliteZoneStore(db),
    policy: new SqlitePolicyStore(db),
    audit: new SqliteAuditStore(db),
    secrets: new SqliteSecretStore(db),
    review: new SqliteReviewStore(db, () => receipts.flush()),
    hotlists: new SqliteHotlistStore(db),
    reads: new SqliteReadStore(db),
    localEntries: new SqliteLocalEntryStore(db),
    readArchive: new SqliteReadArchive(db),
    readSearches: new SqliteReadSearchLog(db),
    async close() {
      if (!db.open) return;
      await acks.flush();
      if (!db.open) return; // closed by a concurrent close while the last appends committed
      receipts.flush();
      await checkpointer.stop();
      if (!db.open) return;
      if (dataDir) db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
