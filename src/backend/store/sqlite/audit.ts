/** SQLite security audit trail, hash-chained in `audit_chain` (one row per event, same transaction). */
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../../shared/chain.js';
import { linkAuditEvent } from '../../audit/audit-chain.js';
import type { AuditChainRow, AuditEvent, AuditStore } from '../port.js';

interface EventRow {
  id: number; at: string; action: string; outcome: AuditEvent['outcome']; user_id: string | null;
  username: string | null; source: string | null; detail: string | null;
}

const toEvent = (r: EventRow): AuditEvent => ({
  at: r.at, action: r.action, outcome: r.outcome, userId: r.user_id, username: r.username, source: r.source,
  ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
});

export class SqliteAuditStore implements AuditStore {
  constructor(private readonly db: Database.Database) {
    // Events written before the chain existed (an older hub) are chained now, in id order.
    db.transaction(() => this.chainPending())();
  }

  /** Links every event after the last chained one (normally just the one being added). */
  private chainPending(): void {
    const last = this.db.prepare('SELECT event_id, hash FROM audit_chain ORDER BY event_id DESC LIMIT 1').get() as { event_id: number; hash: string } | undefined;
    let prev = last?.hash ?? GENESIS_HASH;
    const rows = this.db.prepare('SELECT * FROM audit_events WHERE id > ? ORDER BY id').all(last?.event_id ?? 0) as EventRow[];
    const insert = this.db.prepare('INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES (?, ?, ?)');
    for (const r of rows) {
      const hash = linkAuditEvent(prev, r.id, toEvent(r));
      insert.run(r.id, prev, hash);
      prev = hash;
    }
  }

  async add(e: AuditEvent): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO audit_events (at, action, outcome, user_id, username, source, detail) VALUES (?,?,?,?,?,?,?)')
        .run(e.at, e.action, e.outcome, e.userId, e.username, e.source, e.detail ? JSON.stringify(e.detail) : null);
      this.chainPending();
    })();
  }

  async list(q: { since?: string; action?: string; limit: number }): Promise<(AuditEvent & { id: number })[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_events WHERE (@since IS NULL OR at >= @since) AND (@action IS NULL OR action = @action)
         ORDER BY id LIMIT @limit`,
      )
      .all({ since: q.since ?? null, action: q.action ?? null, limit: q.limit }) as EventRow[];
    return rows.map((r) => ({ id: r.id, ...toEvent(r) }));
  }

  async chain(afterId: number, limit: number): Promise<AuditChainRow[]> {
    // From the events side: an event without its chain row shows as a row with an empty hash.
    const rows = this.db
      .prepare(
        `SELECT e.*, c.prev_hash, c.hash FROM audit_events e LEFT JOIN audit_chain c ON c.event_id = e.id
         WHERE e.id > ? ORDER BY e.id LIMIT ?`,
      )
      .all(afterId, limit) as (EventRow & { prev_hash: string | null; hash: string | null })[];
    return rows.map((r) => ({ id: r.id, event: toEvent(r), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' }));
  }
}
