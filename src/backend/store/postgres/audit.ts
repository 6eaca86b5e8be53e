/**
 * Postgres security audit trail, hash-chained in `audit_chain`: the event and its chain row are
 * written in one transaction under an advisory lock, so the chain has one head across hub nodes.
 */
import type pg from 'pg';
import { GENESIS_HASH } from '../../../shared/chain.js';
import { linkAuditEvent } from '../../audit/audit-chain.js';
import type { AuditChainRow, AuditEvent, AuditStore } from '../port.js';
import { LOCK, inTransaction, where } from './tx.js';

interface EventRow {
  id: string; at: string; action: string; outcome: AuditEvent['outcome']; user_id: string | null;
  username: string | null; source: string | null; detail: string | null;
}

const toEvent = (r: EventRow): AuditEvent => ({
  at: r.at, action: r.action, outcome: r.outcome, userId: r.user_id, username: r.username, source: r.source,
  ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
});

/** Links every event after the last chained one (normally just the one being added). */
async function chainPending(client: pg.ClientBase): Promise<void> {
  const last = (await client.query<{ event_id: string; hash: string }>('SELECT event_id, hash FROM audit_chain ORDER BY event_id DESC LIMIT 1')).rows[0];
  let prev = last?.hash ?? GENESIS_HASH;
  const { rows } = await client.query<EventRow>('SELECT * FROM audit_events WHERE id > $1 ORDER BY id', [last?.event_id ?? 0]);
  for (const r of rows) {
    const hash = linkAuditEvent(prev, Number(r.id), toEvent(r));
    await client.query('INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES ($1, $2, $3)', [r.id, prev, hash]);
    prev = hash;
  }
}

export class PgAuditStore implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(e: AuditEvent): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO audit_events (at, action, outcome, user_id, username, source, detail) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
        e.at, e.action, e.outcome, e.userId, e.username, e.source, e.detail ? JSON.stringify(e.detail) : null,
      ]);
      await chainPending(client);
    }, LOCK.audit);
  }

  async list(q: { since?: string; action?: string; limit: number }): Promise<(AuditEvent & { id: number })[]> {
    const params: unknown[] = [];
    const filter = where([['at >= ?', q.since], ['action = ?', q.action]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<EventRow>(`SELECT * FROM audit_events ${filter} ORDER BY id LIMIT $${params.length}`, params);
    return rows.map((r) => ({ id: Number(r.id), ...toEvent(r) }));
  }

  async chain(afterId: number, limit: number): Promise<AuditChainRow[]> {
    // Events an older hub left unchained are linked first, so a verify after an upgrade holds.
    if (afterId === 0) await inTransaction(this.pool, chainPending, LOCK.audit);
    const { rows } = await this.pool.query<EventRow & { prev_hash: string | null; hash: string | null }>(
      `SELECT e.*, c.prev_hash, c.hash FROM audit_events e LEFT JOIN audit_chain c ON c.event_id = e.id
       WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), event: toEvent(r), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' }));
  }
}
