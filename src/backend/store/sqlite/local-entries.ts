/** SQLite local hot-list entries (docs/protocol.md 1.1); migration 3. */
import type Database from 'better-sqlite3';
import type { LocalEntry } from '../../../shared/protocol/local-entry.js';
import type { LocalEntryStore } from '../local-entry-port.js';
import { COLUMNS, toEntry, toValues, type LocalEntryRow } from '../local-entry-rows.js';

/**
 * `rev` is raised past every other row's by each add and remove (one writer at a time in SQLite), so
 * the fingerprint (rows, removed rows, highest rev: as the Postgres store's) moves with every change. Times are ISO strings in UTC, so they
 * compare as text.
 */
export const LOCAL_ENTRY_DDL = `
CREATE TABLE local_entries (
  id TEXT PRIMARY KEY,
  plate TEXT NOT NULL,
  state TEXT NOT NULL,
  category TEXT NOT NULL,
  reason TEXT NOT NULL,
  case_number TEXT NOT NULL,
  purpose TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  look_back_days INTEGER,
  domain TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  owner_username TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT,
  removed_by TEXT,
  rev INTEGER NOT NULL
);
CREATE INDEX local_entries_owner ON local_entries (owner_id, created_at);
CREATE INDEX local_entries_live ON local_entries (removed_at, expires_at);
`;

const NEXT_REV = '(SELECT COALESCE(MAX(rev), 0) + 1 FROM local_entries)';

export class SqliteLocalEntryStore implements LocalEntryStore {
  constructor(private readonly db: Database.Database) {}

  async add(entry: LocalEntry): Promise<void> {
    const marks = COLUMNS.split(',').map(() => '?').join(', ');
    this.db.prepare(`INSERT INTO local_entries (${COLUMNS}, rev) VALUES (${marks}, ${NEXT_REV})`).run(...toValues(entry));
  }

  async get(id: string): Promise<LocalEntry | undefined> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM local_entries WHERE id = ? AND removed_at IS NULL`).get(id) as LocalEntryRow | undefined;
    return row && toEntry(row);
  }

  async list(query: { expiringAfter: string; ownerId?: string }): Promise<LocalEntry[]> {
    const own = query.ownerId !== undefined ? 'AND owner_id = @ownerId' : '';
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM local_entries WHERE removed_at IS NULL AND expires_at > @expiringAfter ${own} ORDER BY created_at DESC, id DESC`)
      .all(query.ownerId !== undefined ? { expiringAfter: query.expiringAfter, ownerId: query.ownerId } : { expiringAfter: query.expiringAfter }) as LocalEntryRow[];
    return rows.map(toEntry);
  }

  async remove(id: string, by: string, at: string): Promise<boolean> {
    const done = this.db.prepare(`UPDATE local_entries SET removed_at = ?, removed_by = ?, rev = ${NEXT_REV} WHERE id = ? AND removed_at IS NULL`).run(at, by, id);
    return done.changes > 0;
  }

  async fingerprint(): Promise<string> {
    const row = this.db.prepare('SELECT COUNT(*) AS n, COUNT(removed_at) AS removed, COALESCE(MAX(rev), 0) AS rev FROM local_entries').get() as { n: number; removed: number; rev: number };
    return `${row.n}:${row.removed}:${row.rev}`;
  }
}
