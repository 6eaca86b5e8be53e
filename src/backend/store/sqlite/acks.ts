/**
 * The SQLite acknowledgement log. Each row keeps the canonical JSON of the entry without its hash
 * (`body`) exactly as it was hashed, so verification recomputes from the bytes on disk.
 */
import type Database from 'better-sqlite3';
import { GENESIS_HASH, canonicalJson } from '../../../shared/chain.js';
import type { AckEntry } from '../../../shared/protocol/index.js';
import { bytesHash } from '../../audit/chain-hash.js';
import { GroupCommit, type Settled } from '../group-commit.js';
import type { ChainReport } from '../../audit/chain-stretch.js';
import { checkSqliteChain } from './chain-check.js';
import { catchUpAckFacts, catchUpAckFactsBeforeUnitChanges } from './review.js';
import type {
  AckAppend,
  AckDraft,
  AckLogRow,
  AckLogStore,
  AckOutcome,
  AckQuery,
  AckRefusal,
  AckRefusalRecord,
  ChainCheckOptions,
} from '../port.js';

const toEntry = (r: { body: string; hash: string }): AckEntry => ({ ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>), hash: r.hash });

/** ack_facts is brought up to date once this many entries are behind, or this long after appends pause. */
const FACTS_EVERY = 256;
const FACTS_IDLE_MS = 100;

interface ChainHead {
  seq: number;
  hash: string;
}

const FILTER = `(@since IS NULL OR l.server_at >= @since) AND (@until IS NULL OR l.server_at < @until)
  AND (@user IS NULL OR l.user_id = @user) AND (@category IS NULL OR a.category = @category)
  AND (@after IS NULL OR l.seq > @after)`;

/** Prepared once: preparing six statements per append cost about a tenth of its time. */
function prepareAckSql(db: Database.Database) {
  return {
    entryByEvent: db.prepare('SELECT seq FROM ack_log WHERE event_id = ?'),
    refusalByEvent: db.prepare('SELECT body FROM ack_refusals WHERE event_id = ?'),
    trail: db.prepare('SELECT body, hash FROM ack_log WHERE alert_id = ? ORDER BY seq'),
    head: db.prepare('SELECT seq, hash FROM ack_log ORDER BY seq DESC LIMIT 1'),
    category: db.prepare('SELECT category FROM alerts WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash) VALUES (?,?,?,?,?,?,?,?)',
    ),
  };
}

export class SqliteAckLogStore implements AckLogStore {
  private readonly sql: ReturnType<typeof prepareAckSql>;
  private readonly batches: GroupCommit<AckAppend, AckOutcome>;
  /** The log's last seq as of the last batch, and the last seq `ack_facts` was brought up to. */
  private lastSeq = 0;
  private factsThrough = 0;
  private factsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: Database.Database) {
    this.sql = prepareAckSql(db);
    catchUpAckFactsBeforeUnitChanges(db);
    // Group commit: the appends that arrived while the event loop was busy share one transaction. No
    // savepoint per append: an append's only write is its one INSERT, which either happens whole or
    // throws, so an append that fails leaves nothing behind and the others stand. Most of an
    // append's cost was its commit (the row and its search rows' index pages written to the WAL);
    // with many desks acknowledging at once, one commit now carries them all.
    const appendBatch = db.transaction((batch: AckAppend[]): Settled<AckOutcome>[] => {
      // The chain head read once per batch and carried from append to append (it was read again for each).
      const top = this.sql.head.get() as ChainHead | undefined;
      const head: ChainHead = { seq: top?.seq ?? 0, hash: top?.hash ?? GENESIS_HASH };
      const results = batch.map((q): Settled<AckOutcome> => {
        try {
          return { value: this.appendOne(q.draft, q.check, head) };
        } catch (error) {
          return { error };
        }
      });
      this.lastSeq = head.seq;
      // The search rows (review.ts) follow a few hundred entries at a time, in the transaction of the
      // batch that reaches the mark, and when appends pause; reads catch them up first.
      if (this.lastSeq - this.factsThrough >= FACTS_EVERY) this.catchUpFacts();
      return results;
    });
    this.batches = new GroupCommit((batch) => {
      const results = appendBatch.immediate(batch);
      this.factsWhenIdle();
      return results;
    });
  }

  private catchUpFacts(): void {
    catchUpAckFacts(this.db);
    this.factsThrough = this.lastSeq;
  }

  private factsWhenIdle(): void {
    if (this.factsTimer || this.lastSeq <= this.factsThrough) return;
    this.factsTimer = setTimeout(() => {
      this.factsTimer = undefined;
      if (this.db.open) this.catchUpFacts();
    }, FACTS_IDLE_MS);
    this.factsTimer.unref();
  }

  /** One append, inside appendBatch's transaction; moves `head` on when its entry is stored. */
  private appendOne(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined, head: ChainHead): AckOutcome {
    const again = this.outcomeSync(draft.eventId);
    if (again) return again;
    const refusal = check(this.trailSync(draft.alertId));
    if (refusal) return { ok: false, error: refusal };
    const entry: Omit<AckEntry, 'hash'> = { ...draft, seq: head.seq + 1, prevHash: head.hash };
    // Serialised once: the stored bytes are the hash input (it was serialised twice, once to hash it).
    const body = canonicalJson(entry);
    const hash = bytesHash(entry.prevHash, body);
    const category = (this.sql.category.get(draft.alertId) as { category: string } | undefined)?.category;
    this.sql.insert.run(entry.seq, draft.eventId, draft.alertId, draft.userId, category ?? null, draft.serverAt, body, hash);
    head.seq = entry.seq;
    head.hash = hash;
    return { ok: true, entrySeq: entry.seq };
  }

  append(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined): Promise<AckOutcome> {
    return this.batches.submit({ draft, check });
  }

  /** Commits what is queued (the store's close waits for it, so nothing queued is dropped). */
  async flush(): Promise<void> {
    await this.batches.flush();
    clearTimeout(this.factsTimer);
    this.factsTimer = undefined;
    if (this.db.open && this.lastSeq > this.factsThrough) this.catchUpFacts();
  }

  private outcomeSync(eventId: string): AckOutcome | undefined {
    const entry = this.sql.entryByEvent.get(eventId) as { seq: number } | undefined;
    if (entry) return { ok: true, entrySeq: entry.seq };
    const refused = this.sql.refusalByEvent.get(eventId) as { body: string } | undefined;
    if (refused) return { ok: false, error: (JSON.parse(refused.body) as AckRefusalRecord).error };
    return undefined;
  }

  private trailSync(alertId: string): AckEntry[] {
    return (this.sql.trail.all(alertId) as { body: string; hash: string }[]).map(toEntry);
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

  checkChain(options?: ChainCheckOptions): Promise<ChainReport> {
    return checkSqliteChain(this.db, options);
  }

  async rows(afterSeq: number, limit: number): Promise<AckLogRow[]> {
    return this.db.prepare('SELECT seq, body, hash FROM ack_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as AckLogRow[];
  }
}
