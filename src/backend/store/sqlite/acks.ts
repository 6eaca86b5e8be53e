/**
 * The SQLite acknowledgement log. Each row keeps the canonical JSON of the entry without its hash
 * (`body`) exactly as it was hashed, so verification recomputes from the bytes on disk.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH, canonicalJson } from '../../../shared/chain.js';
import type { AckEntry } from '../../../shared/protocol/index.js';
import { entryHash } from '../../audit/chain-hash.js';
import { recordAckFacts } from './review.js';
import type {
  AckDraft,
  AckLogRow,
  AckLogStore,
  AckOutcome,
  AckQuery,
  AckRefusal,
  AckRefusalRecord,
} from '../port.js';

const toEntry = (r: { body: string; hash: string }): AckEntry => ({ ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>), hash: r.hash });

const FILTER = `(@since IS NULL OR l.server_at >= @since) AND (@until IS NULL OR l.server_at < @until)
  AND (@user IS NULL OR l.user_id = @user) AND (@category IS NULL OR a.category = @category)
  AND (@after IS NULL OR l.seq > @after)`;

export class SqliteAckLogStore implements AckLogStore {
  private readonly appendTx: Database.Transaction<(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined) => AckOutcome>;

  constructor(private readonly db: Database.Database) {
    this.appendTx = db.transaction((draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined): AckOutcome => {
      const again = this.outcomeSync(draft.eventId);
      if (again) return again;
      const refusal = check(this.trailSync(draft.alertId));
      if (refusal) return { ok: false, error: refusal };
      const head = db.prepare('SELECT seq, hash FROM ack_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const entry: Omit<AckEntry, 'hash'> = { ...draft, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
      const hash = entryHash(entry.prevHash, entry);
      const category = (db.prepare('SELECT category FROM alerts WHERE id = ?').get(draft.alertId) as { category: string } | undefined)?.category;
      db.prepare('INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash) VALUES (?,?,?,?,?,?,?,?)')
        .run(entry.seq, draft.eventId, draft.alertId, draft.userId, category ?? null, draft.serverAt, canonicalJson(entry), hash);
      recordAckFacts(db, entry.seq);
      return { ok: true, entrySeq: entry.seq };
    });
  }

  async append(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined): Promise<AckOutcome> {
    return this.appendTx.immediate(draft, check);
  }

  private outcomeSync(eventId: string): AckOutcome | undefined {
    const entry = this.db.prepare('SELECT seq FROM ack_log WHERE event_id = ?').get(eventId) as { seq: number } | undefined;
    if (entry) return { ok: true, entrySeq: entry.seq };
    const refused = this.db.prepare('SELECT body FROM ack_refusals WHERE event_id = ?').get(eventId) as { body: string } | undefined;
    if (refused) return { ok: false, error: (JSON.parse(refused.body) as AckRefusalRecord).error };
    return undefined;
  }

  private trailSync(alertId: string): AckEntry[] {
    return (this.db.prepare('SELECT body, hash FROM ack_log WHERE alert_id = ? ORDER BY seq').all(alertId) as { body: string; hash: string }[]).map(toEntry);
  }

  async outcome(eventId: string): Promise<AckOutcome | undefined> {
    return this.outcomeSync(eventId);
  }

  async recordRefusal(r: AckRefusalRecord): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO ack_refusals (event_id, alert_id, user_id, at, body) VALUES (?,?,?,?,?)')
      .run(r.eventId, r.alertId, r.userId, r.at, JSON.stringify(r));
  }

  async refusals(q: AckQuery): Promise<AckRefusalRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT body FROM ack_refusals WHERE (@since IS NULL OR at >= @since) AND (@until IS NULL OR at < @until)
         AND (@user IS NULL OR user_id = @user) ORDER BY rowid LIMIT @limit`,
      )
      .all({ since: q.since ?? null, until: q.until ?? null, user: q.userId ?? null, limit: q.limit }) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as AckRefusalRecord);
  }

  async trail(alertId: string): Promise<AckEntry[]> {
    return this.trailSync(alertId);
  }

  async query(q: AckQuery): Promise<AckEntry[]> {
    const rows = this.db
      .prepare(`SELECT l.body, l.hash FROM ack_log l LEFT JOIN alerts a ON a.id = l.alert_id WHERE ${FILTER} ORDER BY l.seq LIMIT @limit`)
      .all({
        since: q.since ?? null, until: q.until ?? null, user: q.userId ?? null, category: q.category ?? null,
        after: q.afterSeq ?? null, limit: q.limit,
      }) as { body: string; hash: string }[];
    return rows.map(toEntry);
  }

  async rows(afterSeq: number, limit: number): Promise<AckLogRow[]> {
    return this.db.prepare('SELECT seq, body, hash FROM ack_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as AckLogRow[];
  }
}
