/**
 * Postgres alerts and delivery receipts. `seq` comes from one sequence, taken while holding a
 * transaction-level advisory lock that is released only at commit. So alerts become visible in seq
 * order on every node: a reader that has seen seq N will never later find a smaller seq appear,
 * and the hub's per-socket cursors ("everything after the last seq sent") cannot skip an alert
 * that was still committing on another node.
 */
import type pg from 'pg';
import type { Alert, Hit } from '../../../shared/protocol/index.js';
import type { AlertQuery, AlertStore, IngestResult, Receipt, ReceiptDone, ReceiptStore, StoredAlert } from '../port.js';
import { ReceiptBatch } from '../receipt-batch.js';
import { LOCK, inTransaction, where } from './tx.js';

interface AlertRow {
  seq: string;
  id: string;
  hit: string;
  ingested_at: string;
  images?: string | null;
}

function toStored(r: AlertRow): StoredAlert {
  const hit = JSON.parse(r.hit) as Hit;
  if (r.images) hit.images = JSON.parse(r.images) as Hit['images'];
  const alert: Alert = { id: r.id, hit, ingestedAt: r.ingested_at };
  return { seq: Number(r.seq), alert };
}

const WITH_IMAGES = 'SELECT a.seq, a.id, a.hit, a.ingested_at, i.images FROM alerts a LEFT JOIN alert_images i ON i.alert_seq = a.seq';

export class PgAlertStore implements AlertStore {
  /** Identical `after` reads in flight share one query: every socket at the head asks the same. */
  private readonly inFlight = new Map<string, Promise<StoredAlert[]>>();
  /** Local ingests resolve in seq order (they are serialised in the database anyway). */
  private ingestQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  ingest(hit: Hit, ingestedAt: string): Promise<IngestResult> {
    // The hub publishes an alert to its in-process feed when ingest resolves; resolving in seq
    // order keeps that feed gap-free where it believes it is.
    const run = this.ingestQueue.then(() => this.ingestNow(hit, ingestedAt));
    this.ingestQueue = run.catch(() => undefined);
    return run;
  }

  private ingestNow(hit: Hit, ingestedAt: string): Promise<IngestResult> {
    return inTransaction(this.pool, async (db) => {
      const existing = await db.query<AlertRow>(`${WITH_IMAGES} WHERE a.id = $1`, [hit.id]);
      if (existing.rows[0]) return { ...toStored(existing.rows[0]), duplicate: true };
      const { images, ...text } = hit;
      const inserted = await db.query<{ seq: string }>(
        'INSERT INTO alerts (id, hit, category, lat, lon, ingested_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING seq',
        [hit.id, JSON.stringify(text), hit.category, hit.location.lat, hit.location.lon, ingestedAt],
      );
      const seq = Number(inserted.rows[0]!.seq);
      if (images && (images.plate || images.vehicle)) {
        await db.query('INSERT INTO alert_images (alert_seq, images, ingested_at) VALUES ($1,$2,$3)', [seq, JSON.stringify(images), ingestedAt]);
      }
      return { seq, alert: { id: hit.id, hit, ingestedAt }, duplicate: false };
    }, LOCK.ingest);
  }

  after(afterSeq: number, limit: number): Promise<StoredAlert[]> {
    const key = `${afterSeq}:${limit}`;
    let read = this.inFlight.get(key);
    if (!read) {
      read = this.pool
        .query<AlertRow>(`${WITH_IMAGES} WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, [afterSeq, limit])
        .then(({ rows }) => rows.map(toStored))
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, read);
    }
    // Callers share the alert objects, as they do those of the hub's in-process feed window (a
    // copy per desk would copy every image once per desk); only the array is their own.
    return read.then((list) => list.slice());
  }

  async byId(id: string): Promise<StoredAlert | undefined> {
    const { rows } = await this.pool.query<AlertRow>(`${WITH_IMAGES} WHERE a.id = $1`, [id]);
    return rows[0] && toStored(rows[0]);
  }

  async headSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ s: string }>('SELECT COALESCE(MAX(seq), 0) AS s FROM alerts');
    return Number(rows[0]?.s ?? 0);
  }

  async firstSeqSince(at: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ s: string | null }>('SELECT MIN(seq) AS s FROM alerts WHERE ingested_at >= $1', [at]);
    return rows[0]?.s == null ? undefined : Number(rows[0].s);
  }

  async query(q: AlertQuery): Promise<StoredAlert[]> {
    const params: unknown[] = [];
    const filter = where([
      ['ingested_at >= ?', q.since],
      ['ingested_at < ?', q.until],
      ['category = ?', q.category],
      ['seq < ?', q.beforeSeq],
      ['(lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?)', q.bbox ? [q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]] : undefined],
      ["strpos((hit::jsonb)->>'plate', ?) > 0", q.plateContains],
      ['EXISTS (SELECT 1 FROM receipts r WHERE r.alert_id = alerts.id AND r.user_id = ?)', q.deliveredTo],
    ], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT seq, id, hit, ingested_at FROM alerts ${filter} ORDER BY seq DESC LIMIT $${params.length}`, params,
    );
    return rows.map(toStored);
  }

  async purgeImages(before: string, network?: Hit['camera']['network']): Promise<number> {
    const res =
      network === undefined
        ? await this.pool.query('DELETE FROM alert_images WHERE ingested_at < $1', [before])
        : await this.pool.query(
            `DELETE FROM alert_images WHERE ingested_at < $1 AND alert_seq IN
               (SELECT seq FROM alerts WHERE ingested_at < $1 AND (hit::jsonb -> 'camera' ->> 'network') = $2)`,
            [before, network],
          );
    return res.rowCount ?? 0;
  }
}

/** Rows per INSERT (4 parameters each; Postgres allows 65,535 per statement). */
const RECEIPT_BATCH = 1000;

/**
 * Receipts come one per desk per alert (2,000 desks: 2,000 per alert), so the receipts that arrive
 * in one turn of the event loop are written with one multi-row INSERT rather than one round trip
 * each. `done` is still called only once its row is written.
 */
export class PgReceiptStore implements ReceiptStore {
  private pending = new ReceiptBatch();
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly pool: pg.Pool) {}

  record(receipt: Receipt, done: ReceiptDone): void {
    if (this.pending.size === 0) setImmediate(() => void this.flush());
    this.pending.add(receipt, done);
  }

  /** Writes what is waiting now; resolves when that and every write already under way are done. */
  flush(): Promise<void> {
    const waiting = this.pending;
    this.pending = new ReceiptBatch();
    const write = this.write(waiting);
    this.writing.add(write);
    void write.finally(() => this.writing.delete(write));
    return Promise.all([...this.writing]).then(() => undefined);
  }

  private async write(waiting: ReceiptBatch): Promise<void> {
    for (const batch of waiting.parts(RECEIPT_BATCH)) {
      try {
        await this.insert(batch.receipts);
      } catch {
        await batch.oneByOne((one) => this.insert(one));
        continue;
      }
      batch.written();
    }
  }

  private async insert(receipts: Receipt[]): Promise<void> {
    const params: string[] = [];
    const rows = receipts.map((r) => {
      params.push(r.alertId, r.userId, r.clientId, r.receivedAt);
      const n = params.length;
      return `($${n - 3},$${n - 2},$${n - 1},$${n})`;
    });
    // The first receipt per installation is the delivery time that matters; repeats are ignored
    // (in VALUES order within one statement, so the earlier of two in a batch wins).
    await this.pool.query(`INSERT INTO receipts (alert_id, user_id, client_id, received_at) VALUES ${rows.join(',')} ON CONFLICT DO NOTHING`, params);
  }

  async forAlert(alertId: string): Promise<Receipt[]> {
    // A receipt whose record() has been called is visible here, even if its write was under way.
    await this.flush();
    const { rows } = await this.pool.query<{ alert_id: string; user_id: string; client_id: string; received_at: string }>(
      'SELECT alert_id, user_id, client_id, received_at FROM receipts WHERE alert_id = $1 ORDER BY received_at, n', [alertId],
    );
    return rows.map((r) => ({ alertId: r.alert_id, userId: r.user_id, clientId: r.client_id, receivedAt: r.received_at }));
  }
}
