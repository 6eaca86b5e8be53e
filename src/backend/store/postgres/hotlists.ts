/**
 * Postgres hot lists (one row per list, entries gzip'd) and reads (docs/protocol.md 1.1); migration 2
 * (`reads` as created here is partitioned by day by migration 5, ./read-days.ts).
 */
import type pg from 'pg';
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
  body BYTEA NOT NULL
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
  matched BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX reads_plate ON reads (plate, read_at);
CREATE INDEX reads_received ON reads (received_at);
`;

export class PgHotlistStore implements HotlistStore {
  constructor(private readonly pool: pg.Pool) {}

  async put(list: Omit<HotlistRecord, 'version'>, body: Buffer): Promise<HotlistRecord> {
    const { rows } = await this.pool.query<HotlistRow>(
      `INSERT INTO hotlists (${COLUMNS}, body) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, source = excluded.source, domain = excluded.domain,
         downloaded_at = excluded.downloaded_at, entries = excluded.entries, version = hotlists.version + 1,
         updated_at = excluded.updated_at, body = excluded.body
       RETURNING ${COLUMNS}`,
      [list.id, list.name, list.source, list.domain, list.downloadedAt, list.entries, list.updatedAt, body],
    );
    return toRecord(rows[0]!);
  }

  async list(): Promise<HotlistRecord[]> {
    const { rows } = await this.pool.query<HotlistRow>(`SELECT ${COLUMNS} FROM hotlists ORDER BY id`);
    return rows.map(toRecord);
  }

  async body(id: string): Promise<{ record: HotlistRecord; body: Buffer } | undefined> {
    const { rows } = await this.pool.query<HotlistRow & { body: Buffer }>(`SELECT ${COLUMNS}, body FROM hotlists WHERE id = $1`, [id]);
    const row = rows[0];
    return row && { record: toRecord(row), body: row.body };
  }
}

export class PgReadStore implements ReadStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One statement per batch, so the claim of each new id and its read commit together: the ids
   * `read_ids` takes are inserted into the day-partitioned `reads` (./read-days.ts, migration 5);
   * the ids it already held are the duplicates. The columns go as nine arrays (unnest), so the
   * statement text is the same for every batch and Postgres parses it once per connection.
   */
  async record(reads: readonly Read[], receivedAt: string): Promise<ReadRecording> {
    if (reads.length === 0) return { duplicates: [], settled: [] };
    const columns: (string | null)[][] = Array.from({ length: 8 }, () => []);
    for (const read of reads) {
      const { images, ...text } = read;
      const row = [read.id, read.plate, read.plateState, new Date(read.readAt).toISOString(), read.camera.network, read.domain ?? 'general', JSON.stringify(text), images ? JSON.stringify(images) : null];
      row.forEach((v, i) => columns[i]!.push(v));
    }
    const inserted = await this.pool.query<{ id: string }>({
      name: 'opentas-reads-record',
      text: `WITH incoming AS (
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                 AS t (id, plate, plate_state, read_at, network, domain, body, images)),
             claimed AS (
               INSERT INTO read_ids (id, day) SELECT id, left(read_at, 10) FROM incoming ON CONFLICT (id) DO NOTHING RETURNING id)
             INSERT INTO reads (id, plate, plate_state, read_at, network, domain, received_at, body, images)
               SELECT i.id, i.plate, i.plate_state, i.read_at, i.network, i.domain, $9::text, i.body, i.images
               FROM incoming i JOIN claimed c ON c.id = i.id
             RETURNING id`,
      values: [...columns, receivedAt],
    });
    const fresh = new Set(inserted.rows.map((r) => r.id));
    const duplicates = reads.map((r) => r.id).filter((id) => !fresh.has(id));
    if (duplicates.length === 0) return { duplicates, settled: [] };
    const settled = await this.pool.query<{ id: string }>('SELECT id FROM read_ids WHERE id = ANY($1) AND matched', [duplicates]);
    return { duplicates, settled: settled.rows.map((r) => r.id) };
  }

  async markMatched(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query('UPDATE read_ids SET matched = TRUE WHERE id = ANY($1)', [ids]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM reads');
    return Number(rows[0]!.n);
  }
}
