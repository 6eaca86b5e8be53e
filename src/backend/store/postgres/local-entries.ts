/** Postgres local hot-list entries (docs/protocol.md 1.1); migration 3. */
import type pg from 'pg';
import type { LocalEntry } from '../../../shared/protocol/local-entry.js';
import type { LocalEntryStore } from '../local-entry-port.js';
import { COLUMNS, toEntry, toValues, type LocalEntryRow } from '../local-entry-rows.js';

/**
 * `rev` comes from a sequence at each add and remove. Nodes commit in any order, so a change may
 * commit with a lower rev than one seen before: the fingerprint also counts the rows and the removed
 * ones, which a late add or a late remove moves whatever its rev.
 * Times are ISO strings in UTC, so they compare as text.
 */
export const LOCAL_ENTRY_DDL = `
CREATE SEQUENCE local_entry_rev;
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
  rev BIGINT NOT NULL DEFAULT nextval('local_entry_rev')
);
CREATE INDEX local_entries_owner ON local_entries (owner_id, created_at);
CREATE INDEX local_entries_live ON local_entries (removed_at, expires_at);
`;

export class PgLocalEntryStore implements LocalEntryStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(entry: LocalEntry): Promise<void> {
    const marks = COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ');
    await this.pool.query(`INSERT INTO local_entries (${COLUMNS}) VALUES (${marks})`, toValues(entry));
  }

  async get(id: string): Promise<LocalEntry | undefined> {
    const { rows } = await this.pool.query<LocalEntryRow>(`SELECT ${COLUMNS} FROM local_entries WHERE id = $1 AND removed_at IS NULL`, [id]);
    return rows[0] && toEntry(rows[0]);
  }

  async list(query: { expiringAfter: string; ownerId?: string }): Promise<LocalEntry[]> {
    const params: unknown[] = [query.expiringAfter];
    if (query.ownerId !== undefined) params.push(query.ownerId);
    const { rows } = await this.pool.query<LocalEntryRow>(
      `SELECT ${COLUMNS} FROM local_entries WHERE removed_at IS NULL AND expires_at > $1 ${query.ownerId !== undefined ? 'AND owner_id = $2' : ''}
       ORDER BY created_at DESC, id DESC`,
      params,
    );
    return rows.map(toEntry);
  }

  async remove(id: string, by: string, at: string): Promise<boolean> {
    const done = await this.pool.query(
      `UPDATE local_entries SET removed_at = $1, removed_by = $2, rev = nextval('local_entry_rev') WHERE id = $3 AND removed_at IS NULL`,
      [at, by, id],
    );
    return (done.rowCount ?? 0) > 0;
  }

  async fingerprint(): Promise<string> {
    const { rows } = await this.pool.query<{ n: string; removed: string; rev: string }>(
      'SELECT COUNT(*)::text AS n, COUNT(removed_at)::text AS removed, COALESCE(MAX(rev), 0)::text AS rev FROM local_entries',
    );
    return `${rows[0]!.n}:${rows[0]!.removed}:${rows[0]!.rev}`;
  }
}
