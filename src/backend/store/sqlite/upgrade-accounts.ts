/**
 * Brings a data folder written before protocol 1.1 up to the accounts schema: the new account
 * columns, ingest-key revocation and last use, and a session row for every refresh family that
 * was still live (so a desk signed in before the upgrade is not thrown out by the new allow-list).
 * Idempotent and additive (ALTER TABLE ADD COLUMN only); versioned migrations will replace it.
 */
import type Database from 'better-sqlite3';
import { USER_COLUMNS_1_1 } from '../user-row.js';

const KEY_COLUMNS: readonly [string, string][] = [
  ['revoked_at', 'TEXT'],
  ['last_used_at', 'TEXT'],
];

function addMissing(db: Database.Database, table: string, columns: readonly [string, string][]): number {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  let added = 0;
  for (const [name, definition] of columns) {
    if (have.has(name)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${definition}`);
    added++;
  }
  return added;
}

export function upgradeAccounts(db: Database.Database, existed: boolean): void {
  db.transaction(() => {
    const added = addMissing(db, 'users', USER_COLUMNS_1_1);
    addMissing(db, 'ingest_keys', KEY_COLUMNS);
    // Only on the first start after the upgrade: later sessions always get their row at sign-in.
    if (existed && added > 0) {
      db.exec(`INSERT OR IGNORE INTO sessions (id, user_id, created_at)
        SELECT family_id, user_id, MIN(created_at) FROM refresh_tokens
        WHERE family_id NOT IN (SELECT family_id FROM revoked_families) GROUP BY family_id`);
    }
  })();
}
