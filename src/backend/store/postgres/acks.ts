/**
 * The Postgres acknowledgement log. Appends from every hub node take one advisory lock for the
 * whole transaction, so the order check, the chain head read and the insert happen as one step
 * across the cluster: one chain, no fork. Each row keeps the canonical JSON of the entry without
 * its hash (`body`, TEXT so the bytes are kept exactly), so verification recomputes from storage.
 */
import type pg from 'pg';
import type { AckEntry } from '../../../shared/protocol/index.js';
import type { AckAppend, AckDraft, AckLogRow, AckLogStore, AckOutcome, AckQuery, AckRefusal, AckRefusalRecord } from '../port.js';
import { GroupCommit } from '../group-commit.js';
import { appendAckBatch } from './ack-batch.js';
import { LOCK, inTransaction, where } from './tx.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

const toEntry = (r: { body: string; hash: string }): AckEntry => ({ ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>), hash: r.hash });

async function outcomeOf(db: Queryable, eventId: string): Promise<AckOutcome | undefined> {
  const entry = await db.query<{ seq: string }>('SELECT seq FROM ack_log WHERE event_id = $1', [eventId]);
  if (entry.rows[0]) return { ok: true, entrySeq: Number(entry.rows[0].seq) };
  const refused = await db.query<{ body: string }>('SELECT body FROM ack_refusals WHERE event_id = $1', [eventId]);
  if (refused.rows[0]) return { ok: false, error: (JSON.parse(refused.rows[0].body) as AckRefusalRecord).error };
  return undefined;
}

async function trailOf(db: Queryable, alertId: string): Promise<AckEntry[]> {
  const { rows } = await db.query<{ body: string; hash: string }>('SELECT body, hash FROM ack_log WHERE alert_id = $1 ORDER BY seq', [alertId]);
  return rows.map(toEntry);
}

export class PgAckLogStore implements AckLogStore {
  // Group commit (../group-commit.ts): the appends that arrive together, or while a batch holds the
  // log's lock, take the lock once and share one transaction (./ack-batch.ts).
  private readonly batches = new GroupCommit<AckAppend, AckOutcome>((batch) =>
    inTransaction(this.pool, (db) => appendAckBatch(db, batch), LOCK.ackLog),
  );

  constructor(private readonly pool: pg.Pool) {}

  append(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined): Promise<AckOutcome> {
    return this.batches.submit({ draft, check });
  }

  /** Commits what is queued (the store's close waits for it). */
  flush(): Promise<void> {
    return this.batches.flush();
  }

  outcome(eventId: string): Promise<AckOutcome | undefined> {
    return outcomeOf(this.pool, eventId);
  }

  async recordRefusal(r: AckRefusalRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO ack_refusals (event_id, alert_id, user_id, at, body) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (event_id) DO NOTHING',
      [r.eventId, r.alertId, r.userId, r.at, JSON.stringify(r)],
    );
  }

  async refusals(q: AckQuery): Promise<AckRefusalRecord[]> {
    const params: unknown[] = [];
    const filter = where([['at >= ?', q.since], ['at < ?', q.until], ['user_id = ?', q.userId]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ body: string }>(`SELECT body FROM ack_refusals ${filter} ORDER BY n LIMIT $${params.length}`, params);
    return rows.map((r) => JSON.parse(r.body) as AckRefusalRecord);
  }

  trail(alertId: string): Promise<AckEntry[]> {
    return trailOf(this.pool, alertId);
  }

  async query(q: AckQuery): Promise<AckEntry[]> {
    const params: unknown[] = [];
    const filter = where([
      ['l.server_at >= ?', q.since],
      ['l.server_at < ?', q.until],
      ['l.user_id = ?', q.userId],
      ['a.category = ?', q.category],
      ['l.seq > ?', q.afterSeq],
    ], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ body: string; hash: string }>(
      `SELECT l.body, l.hash FROM ack_log l LEFT JOIN alerts a ON a.id = l.alert_id ${filter} ORDER BY l.seq LIMIT $${params.length}`, params,
    );
    return rows.map(toEntry);
  }

  async rows(afterSeq: number, limit: number): Promise<AckLogRow[]> {
    const { rows } = await this.pool.query<{ seq: string; body: string; hash: string }>(
      'SELECT seq, body, hash FROM ack_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), body: r.body, hash: r.hash }));
  }
}
