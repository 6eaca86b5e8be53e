/** SQLite alerts and delivery receipts. Images live in their own table so retention can drop them. */
import type Database from 'better-sqlite3';
import type { Alert, Hit } from '../../../shared/protocol/index.js';
import type { AlertQuery, AlertStore, IngestResult, Receipt, ReceiptDone, ReceiptStore, StoredAlert } from '../port.js';
import { ReceiptBatch } from '../receipt-batch.js';
import { cached } from './statements.js';

interface AlertRow {
  seq: number;
  id: string;
  hit: string;
  ingested_at: string;
  images?: string | null;
}

function toStored(r: AlertRow): StoredAlert {
  const hit = JSON.parse(r.hit) as Hit;
  if (r.images) hit.images = JSON.parse(r.images) as Hit['images'];
  const alert: Alert = { id: r.id, hit, ingestedAt: r.ingested_at };
  return { seq: r.seq, alert };
}

const WITH_IMAGES = `SELECT a.seq, a.id, a.hit, a.ingested_at, i.images FROM alerts a LEFT JOIN alert_images i ON i.alert_seq = a.seq`;

export class SqliteAlertStore implements AlertStore {
  private readonly ingestTx: Database.Transaction<(hit: Hit, ingestedAt: string) => IngestResult>;

  constructor(
    private readonly db: Database.Database,
    /** Writes the receipts still waiting for their batch: called before a read that joins them. */
    private readonly flushReceipts: () => void = () => {},
  ) {
    // One transaction: the seq exists only together with the stored row (and its images).
    this.ingestTx = db.transaction((hit: Hit, ingestedAt: string): IngestResult => {
      const existing = cached(db, `${WITH_IMAGES} WHERE a.id = ?`).get(hit.id) as AlertRow | undefined;
      if (existing) return { ...toStored(existing), duplicate: true };
      const { images, ...text } = hit;
      const res = db
        .prepare('INSERT INTO alerts (id, hit, category, lat, lon, ingested_at) VALUES (?,?,?,?,?,?)')
        .run(hit.id, JSON.stringify(text), hit.category, hit.location.lat, hit.location.lon, ingestedAt);
      const seq = Number(res.lastInsertRowid);
      if (images && (images.plate || images.vehicle)) {
        db.prepare('INSERT INTO alert_images (alert_seq, images, ingested_at) VALUES (?,?,?)').run(seq, JSON.stringify(images), ingestedAt);
      }
      return { seq, alert: { id: hit.id, hit, ingestedAt }, duplicate: false };
    });
  }

  async ingest(hit: Hit, ingestedAt: string): Promise<IngestResult> {
    return this.ingestTx.immediate(hit, ingestedAt);
  }

  async after(afterSeq: number, limit: number): Promise<StoredAlert[]> {
    const rows = cached(this.db, `${WITH_IMAGES} WHERE a.seq > ? ORDER BY a.seq LIMIT ?`).all(afterSeq, limit) as AlertRow[];
    return rows.map(toStored);
  }

  async byId(id: string): Promise<StoredAlert | undefined> {
    const row = cached(this.db, `${WITH_IMAGES} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    return row && toStored(row);
  }

  async headSeq(): Promise<number> {
    return (cached(this.db, 'SELECT COALESCE(MAX(seq), 0) AS s FROM alerts').get() as { s: number }).s;
  }

  async firstSeqSince(at: string): Promise<number | undefined> {
    const r = cached(this.db, 'SELECT MIN(seq) AS s FROM alerts WHERE ingested_at >= ?').get(at) as { s: number | null };
    return r.s ?? undefined;
  }

  async query(q: AlertQuery): Promise<StoredAlert[]> {
    if (q.deliveredTo) this.flushReceipts();
    const [w, s, e, n] = q.bbox ?? [null, null, null, null];
    const rows = this.db
      .prepare(
        `SELECT seq, id, hit, ingested_at FROM alerts
         WHERE (@since IS NULL OR ingested_at >= @since) AND (@until IS NULL OR ingested_at < @until)
           AND (@category IS NULL OR category = @category) AND (@before IS NULL OR seq < @before)
           AND (@w IS NULL OR (lon >= @w AND lon <= @e AND lat >= @s AND lat <= @n))
           AND (@plate IS NULL OR instr(json_extract(hit, '$.plate'), @plate) > 0)
           AND (@user IS NULL OR EXISTS (SELECT 1 FROM receipts r WHERE r.alert_id = alerts.id AND r.user_id = @user))
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        since: q.since ?? null, until: q.until ?? null, category: q.category ?? null, before: q.beforeSeq ?? null,
        w, s, e, n, plate: q.plateContains ?? null, user: q.deliveredTo ?? null, limit: q.limit,
      }) as AlertRow[];
    return rows.map(toStored);
  }

  async purgeImages(before: string, network?: Hit['camera']['network']): Promise<number> {
    if (network === undefined) return this.db.prepare('DELETE FROM alert_images WHERE ingested_at < ?').run(before).changes;
    return this.db
      .prepare(
        `DELETE FROM alert_images WHERE ingested_at < ? AND alert_seq IN
           (SELECT seq FROM alerts WHERE ingested_at < ? AND json_extract(hit, '$.camera.network') = ?)`,
      )
      .run(before, before, network).changes;
  }
}

/**
 * Receipts arrive one per desk per alert (2,000 desks: 2,000 for each alert), so they are written
 * in one transaction per batch rather than one each: a commit per receipt was the hub's largest
 * cost in the delivery benchmark. A desk catching up sends its receipts together, so a batch spreads
 * over the whole table (its key starts with the alert) and every commit rewrites most of the pages
 * it touches into the WAL: the bigger the batch, the more receipts share each page written
 * (measured on the storm's pattern, 138,000 receipts: 12 us of CPU per receipt in batches of 2,400,
 * 5 in batches of 12,000). So a batch waits RECEIPT_BATCH_MS, or ten times as long as the last
 * write took when that is longer: writing receipts then takes at most a tenth of the event loop
 * however fast they come, and the batches grow with the load. Never more than RECEIPT_BATCH_MAX_MS:
 * that is what a crash of the hub can lose. `done` is called only once the row is written; every read
 * of receipts (here, the alerts' `deliveredTo`, the review's) and close flush first. The receipt's
 * time is taken when it arrives, not here.
 */
const RECEIPT_BATCH_MS = 100;
const RECEIPT_BATCH_MAX_MS = 1_000;

export class SqliteReceiptStore implements ReceiptStore {
  private pending = new ReceiptBatch();
  /** How long the last batch took to write. */
  private lastWriteMs = 0;
  private readonly insert: Database.Statement;
  private readonly insertAll: Database.Transaction<(receipts: Receipt[]) => void>;

  constructor(private readonly db: Database.Database) {
    // The first receipt per installation is the delivery time that matters; repeats are ignored.
    this.insert = db.prepare('INSERT OR IGNORE INTO receipts (alert_id, user_id, client_id, received_at) VALUES (?,?,?,?)');
    this.insertAll = db.transaction((receipts: Receipt[]) => {
      for (const r of receipts) this.insert.run(r.alertId, r.userId, r.clientId, r.receivedAt);
    });
  }

  record(receipt: Receipt, done: ReceiptDone): void {
    if (this.pending.size === 0) setTimeout(() => this.flush(), Math.min(RECEIPT_BATCH_MAX_MS, Math.max(RECEIPT_BATCH_MS, 10 * this.lastWriteMs)));
    this.pending.add(receipt, done);
  }

  /** Writes what is waiting now (also before a read, and before the database closes). */
  flush(): void {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new ReceiptBatch();
    const started = performance.now();
    try {
      this.insertAll(batch.receipts);
    } catch {
      batch.oneByOneNow((one) => this.insertAll(one));
      return;
    }
    this.lastWriteMs = performance.now() - started;
    batch.written();
  }

  async forAlert(alertId: string): Promise<Receipt[]> {
    this.flush();
    const rows = this.db.prepare('SELECT * FROM receipts WHERE alert_id = ? ORDER BY received_at').all(alertId) as {
      alert_id: string; user_id: string; client_id: string; received_at: string;
    }[];
    return rows.map((r) => ({ alertId: r.alert_id, userId: r.user_id, clientId: r.client_id, receivedAt: r.received_at }));
  }
}
