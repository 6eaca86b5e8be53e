/** SQLite hot lists (one row per list, entries gzip'd) and reads (docs/protocol.md 1.1); migration 2. */
import type Database from 'better-sqlite3';
import type { Read } from '../../../shared/protocol/index.js';
import type { HotlistRecord, HotlistStore, ReadRecording, ReadStore } from '../hotlist-port.js';
import { COLUMNS, toRecord, type HotlistRow } from '../hotlist-rows.js';

export const HOTLIST_DDL = `
CREATE TABLE hotlists (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  domain TEXT NOT NULL,
  downloaded_at TEXT NOT NULL,
  entries INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE TABLE reads (
  id TEXT PRIMARY KEY,
  plate TEXT NOT NULL,
  plate_state TEXT NOT NULL,
  read_at TEXT NOT NULL,
  network TEXT NOT NULL,
  domain TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL,
  images TEXT,
  matched INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reads_plate ON reads (plate, read_at);
CREATE INDEX reads_received ON reads (received_at);
`;

export class SqliteHotlistStore implements HotlistStore {
  constructor(private readonly db: Database.Database) {}

  async put(list: Omit<HotlistRecord, 'version'>, body: Buffer): Promise<HotlistRecord> {
    const row = this.db
      .prepare(
        `INSERT INTO hotlists (${COLUMNS}, body) VALUES (@id, @name, @source, @domain, @downloadedAt, @entries, 1, @updatedAt, @body)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, source = excluded.source, domain = excluded.domain,
           downloaded_at = excluded.downloaded_at, entries = excluded.entries, version = hotlists.version + 1,
           updated_at = excluded.updated_at, body = excluded.body
         RETURNING ${COLUMNS}`,
      )
      .get({ ...list, body }) as HotlistRow;
    return toRecord(row);
  }

  async list(): Promise<HotlistRecord[]> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM hotlists ORDER BY id`).all() as HotlistRow[]).map(toRecord);
  }

  async body(id: string): Promise<{ record: HotlistRecord; body: Buffer } | undefined> {
    const row = this.db.prepare(`SELECT ${COLUMNS}, body FROM hotlists WHERE id = ?`).get(id) as (HotlistRow & { body: Buffer }) | undefined;
    return row && { record: toRecord(row), body: row.body };
  }
}

export class SqliteReadStore implements ReadStore {
  private readonly recordTx: Database.Transaction<(reads: readonly Read[], receivedAt: string) => ReadRecording>;

  constructor(private readonly db: Database.Database) {
    const insert = db.prepare(
      `INSERT INTO reads (id, plate, plate_state, read_at, network, domain, received_at, body, images)
       VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`,
    );
    const known = db.prepare('SELECT matched FROM reads WHERE id = ?');
    this.recordTx = db.transaction((reads: readonly Read[], receivedAt: string): ReadRecording => {
      const out: ReadRecording = { duplicates: [], settled: [] };
      for (const read of reads) {
        const { images, ...text } = read;
        const stored = insert.run(read.id, read.plate, read.plateState, new Date(read.readAt).toISOString(), read.camera.network, read.domain ?? 'general', receivedAt, JSON.stringify(text), images ? JSON.stringify(images) : null);
        if (stored.changes > 0) continue;
        out.duplicates.push(read.id);
        if ((known.get(read.id) as { matched: number } | undefined)?.matched === 1) out.settled.push(read.id);
      }
      return out;
    });
  }

  async record(reads: readonly Read[], receivedAt: string): Promise<ReadRecording> {
    return this.recordTx.immediate(reads, receivedAt);
  }

  async markMatched(ids: readonly string[]): Promise<void> {
    const mark = this.db.prepare('UPDATE reads SET matched = 1 WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) mark.run(id);
    })();
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM reads').get() as { n: number }).n;
  }
}
