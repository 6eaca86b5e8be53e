/**
 * Backup and restore of the embedded store (docs/protocol.md 1.1 "Operating the hub", ADR 15).
 *
 * A backup is one SQLite file made with SQLite's online backup API while the hub keeps serving: it
 * reads one consistent snapshot (WAL readers never block the hub's writers), so it holds whole
 * transactions only: an acknowledgement is in it with its search row, or not at all. The file also
 * carries a `backup_manifest` table: when it was made, the log's entry count and head at that
 * moment, and `hub.key` when the folder has one (without it sealed TOTP secrets cannot be opened
 * and the restored hub would refuse to start, ADR 12). So the backup is as secret as the folder.
 *
 * Restore goes into a missing or empty folder only (never over a store), and the manifest's table
 * is dropped from the restored database.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { KEY_FILE } from '../../auth/hub-keys.js';
import { NoStoreError } from '../existing-store.js';
import { pending } from '../schema-version.js';
import { dbPath } from './index.js';
import { SQLITE_MIGRATIONS, sqliteSchemaVersion } from './migrations.js';

export interface BackupFacts {
  madeAt: string;
  schemaVersion: number;
  /** The acknowledgement log at the moment of the snapshot. */
  ackEntries: number;
  ackHead: string | null;
  alerts: number;
  withKey: boolean;
}

const MANIFEST = 'backup_manifest';

/** Refused: one line, exit 2, nothing written. */
export class BackupRefusal extends Error {}

function readFacts(db: Database.Database, madeAt: string, withKey: boolean): BackupFacts {
  const head = db.prepare('SELECT seq, hash FROM ack_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const alerts = (db.prepare('SELECT COUNT(*) AS n FROM alerts').get() as { n: number }).n;
  return {
    madeAt,
    schemaVersion: sqliteSchemaVersion(db),
    ackEntries: head?.seq ?? 0,
    ackHead: head?.hash ?? null,
    alerts,
    withKey,
  };
}

/** Writes a consistent copy of `dataDir`'s store to `out` (which must not exist) while a hub may be serving it. */
export async function backupSqlite(
  dataDir: string,
  out: string,
  now: () => Date = () => new Date(),
): Promise<BackupFacts> {
  if (existsSync(out)) throw new BackupRefusal(`${out} exists; a backup never overwrites a file`);
  if (!existsSync(dirname(out))) throw new BackupRefusal(`no folder ${dirname(out)} for ${basename(out)}`);
  const source = new Database(dbPath(dataDir), { fileMustExist: true });
  const partial = `${out}.partial`;
  try {
    source.pragma('busy_timeout = 5000');
    pending(SQLITE_MIGRATIONS, sqliteSchemaVersion(source)); // a newer hub's store is not ours to copy
    // Copy everything in one step after the first: a step that spans a write by the hub restarts,
    // so small steps under a busy hub could restart for ever; one step is one read snapshot.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    source.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    const keyPath = join(dataDir, KEY_FILE);
    const key = existsSync(keyPath) ? readFileSync(keyPath, 'utf8').trim() : undefined;
    const facts = readFacts(copy, now().toISOString(), key !== undefined);
    copy.exec(`CREATE TABLE ${MANIFEST} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const put = copy.prepare(`INSERT INTO ${MANIFEST} (name, value) VALUES (?, ?)`);
    put.run('facts', JSON.stringify(facts));
    if (key !== undefined) put.run(KEY_FILE, key);
    copy.close();
    chmodSync(partial, 0o600);
    renameSync(partial, out);
    return facts;
  } catch (err) {
    if (copy.open) copy.close();
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Restores `file` into `dataDir`, which must be missing or empty; answers the facts of the backup. */
export function restoreSqlite(file: string, dataDir: string): BackupFacts {
  if (!existsSync(file) || !statSync(file).isFile()) throw new NoStoreError(`no backup file at ${file}`);
  if (existsSync(dataDir) && (!statSync(dataDir).isDirectory() || readdirSync(dataDir).length > 0)) {
    throw new BackupRefusal(
      `refusing to restore into ${dataDir}: it is not an empty folder (restore never overwrites a store)`,
    );
  }
  let facts: BackupFacts;
  let key: string | undefined;
  try {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = probe.prepare(`SELECT name, value FROM ${MANIFEST}`).all() as {
        name: string;
        value: string;
      }[];
      const factsRow = rows.find((r) => r.name === 'facts');
      if (!factsRow) throw new Error('no manifest');
      facts = JSON.parse(factsRow.value) as BackupFacts;
      key = rows.find((r) => r.name === KEY_FILE)?.value;
    } finally {
      probe.close();
    }
  } catch (err) {
    throw new NoStoreError(
      `${file} is not an opentas-hub backup (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  pending(SQLITE_MIGRATIONS, facts.schemaVersion);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const target = dbPath(dataDir);
  const partial = `${target}.partial`;
  writeFileSync(partial, readFileSync(file), { mode: 0o600 });
  const db = new Database(partial);
  try {
    db.exec(`DROP TABLE ${MANIFEST}`);
  } finally {
    db.close();
  }
  if (key !== undefined) writeFileSync(join(dataDir, KEY_FILE), key, { mode: 0o600 });
  renameSync(partial, target);
  return facts;
}
