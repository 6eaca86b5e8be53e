/**
 * Postgres side of the supervisor's reads; the twin of `../sqlite/review.ts` (same tables, same
 * answers). `ack_facts` is filled by one INSERT ... SELECT inside each append (under the log's
 * advisory lock) and, at start, for entries an older hub wrote without it.
 */
import type pg from 'pg';
import type { AckEntry } from '../../../shared/protocol/index.js';
import type { AckRefusalRecord } from '../port.js';
import type {
  AckRow, AckSearch, ActivityRow, DueAlert, EscalationRecord, ExportQuery, FactAlert, FactEntry, RefusalRow, ReportFacts, ReviewStore,
} from '../review-port.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

const DDL = `
CREATE TABLE IF NOT EXISTS ack_facts (
  seq BIGINT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  unit TEXT,
  category TEXT,
  type TEXT NOT NULL,
  result TEXT,
  plate TEXT,
  plate_state TEXT,
  case_number TEXT,
  server_at TEXT NOT NULL,
  ingested_at TEXT
);
CREATE INDEX IF NOT EXISTS ack_facts_server_at ON ack_facts (server_at);
CREATE INDEX IF NOT EXISTS ack_facts_user ON ack_facts (user_id, seq);
CREATE INDEX IF NOT EXISTS ack_facts_unit ON ack_facts (unit, seq);
CREATE INDEX IF NOT EXISTS ack_facts_category ON ack_facts (category, seq);
CREATE INDEX IF NOT EXISTS ack_facts_type ON ack_facts (type, result, seq);
CREATE INDEX IF NOT EXISTS ack_facts_plate ON ack_facts (plate);
CREATE INDEX IF NOT EXISTS ack_facts_case ON ack_facts (case_number);
CREATE INDEX IF NOT EXISTS ack_facts_alert ON ack_facts (alert_id);
CREATE INDEX IF NOT EXISTS ack_facts_ingested ON ack_facts (ingested_at);
CREATE INDEX IF NOT EXISTS ack_refusals_alert ON ack_refusals (alert_id);
CREATE INDEX IF NOT EXISTS ack_refusals_at ON ack_refusals (at);
CREATE INDEX IF NOT EXISTS receipts_received ON receipts (received_at);
CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at);
CREATE TABLE IF NOT EXISTS escalations (
  alert_id TEXT PRIMARY KEY,
  escalated_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_at ON escalations (escalated_at);
CREATE OR REPLACE TRIGGER escalations_append_only BEFORE UPDATE OR DELETE ON escalations
  FOR EACH ROW EXECUTE FUNCTION opentas_append_only();
`;

const FACTS_FROM_LOG = `INSERT INTO ack_facts
  (seq, alert_id, user_id, unit, category, type, result, plate, plate_state, case_number, server_at, ingested_at)
  SELECT l.seq, l.alert_id, l.user_id, u.unit, a.category, (l.body::json)->>'type',
    (l.body::json)->'verification'->>'result', upper((a.hit::json)->>'plate'), (a.hit::json)->>'plateState',
    upper((l.body::json)->'action'->>'caseNumber'), l.server_at, a.ingested_at
  FROM ack_log l LEFT JOIN alerts a ON a.id = l.alert_id LEFT JOIN users u ON u.id = l.user_id
  WHERE l.seq > $1
  ON CONFLICT (seq) DO NOTHING`;

/** Part of migration 1 (./migrations.ts), inside its transaction: the tables and the facts of older entries. */
export async function applyReviewSchema(client: pg.ClientBase): Promise<void> {
  await client.query(DDL);
  await client.query(FACTS_FROM_LOG.replace('$1', '(SELECT COALESCE(MAX(seq), 0) FROM ack_facts)'));
}

/** Called inside the append transaction, so an entry and its search row commit together. */
export async function recordAckFacts(db: Queryable, seq: number): Promise<void> {
  await db.query(FACTS_FROM_LOG, [seq - 1]);
}

/** Builds `WHERE` from optional conditions with `?` placeholders, numbering them as Postgres wants. */
function conditions(parts: [string, unknown][], params: unknown[]): string {
  const kept: string[] = [];
  for (const [sql, value] of parts) {
    if (value === undefined || value === null) continue;
    kept.push(sql.replace(/\?/g, () => {
      params.push(value);
      return `$${params.length}`;
    }));
  }
  return kept.length > 0 ? `WHERE ${kept.join(' AND ')}` : '';
}

const num = (v: string | number): number => Number(v);

export class PgReviewStore implements ReviewStore {
  constructor(private readonly pool: pg.Pool) {}

  async searchAcks(q: AckSearch): Promise<AckRow[]> {
    const desc = q.order === 'desc';
    const params: unknown[] = [];
    const filter = conditions([
      ['f.server_at >= ?', q.since], ['f.server_at < ?', q.until], ['f.user_id = ?', q.userId], ['f.unit = ?', q.unit],
      ['f.category = ?', q.category], ['f.type = ?', q.type], ['f.result = ?', q.result], ['f.alert_id = ?', q.alertId],
      ['(strpos(f.plate, ?) > 0 OR strpos(f.case_number, ?) > 0)', q.text],
      [desc ? 'f.seq < ?' : 'f.seq > ?', q.cursorSeq],
    ], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ body: string; hash: string; plate: string | null; plate_state: string | null; category: AckRow['category']; unit: string | null }>(
      `SELECT l.body, l.hash, f.plate, f.plate_state, f.category, f.unit FROM ack_facts f JOIN ack_log l ON l.seq = f.seq
       ${filter} ORDER BY f.seq ${desc ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>), hash: r.hash, plate: r.plate, plateState: r.plate_state, category: r.category, unit: r.unit,
    }));
  }

  async refusals(q: { since?: string; until?: string; userId?: string; alertId?: string; limit: number }): Promise<RefusalRow[]> {
    const params: unknown[] = [];
    const filter = conditions([['r.at >= ?', q.since], ['r.at < ?', q.until], ['r.user_id = ?', q.userId], ['r.alert_id = ?', q.alertId]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ body: string; plate: string | null; category: RefusalRow['category']; unit: string | null }>(
      `SELECT r.body, upper((a.hit::json)->>'plate') AS plate, a.category, u.unit FROM ack_refusals r
       LEFT JOIN alerts a ON a.id = r.alert_id LEFT JOIN users u ON u.id = r.user_id
       ${filter} ORDER BY r.n LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...(JSON.parse(r.body) as AckRefusalRecord), plate: r.plate, category: r.category, unit: r.unit }));
  }

  async reportFacts(since: string, until: string): Promise<ReportFacts> {
    const range = [since, until];
    const alerts = await this.pool.query<Omit<FactAlert, 'seq'> & { seq: string }>(
      'SELECT id, seq, category, ingested_at AS "ingestedAt" FROM alerts WHERE ingested_at >= $1 AND ingested_at < $2', range,
    );
    const receipts = await this.pool.query<{ alertId: string; userId: string }>(
      `SELECT r.alert_id AS "alertId", r.user_id AS "userId" FROM alerts a JOIN receipts r ON r.alert_id = a.id
       WHERE a.ingested_at >= $1 AND a.ingested_at < $2`, range,
    );
    const entries = await this.pool.query<Omit<FactEntry, 'seq'> & { seq: string }>(
      `SELECT seq, alert_id AS "alertId", user_id AS "userId", type, result, server_at AS "serverAt" FROM ack_facts
       WHERE ingested_at >= $1 AND ingested_at < $2`, range,
    );
    const escalated = await this.pool.query<{ id: string }>(
      'SELECT e.alert_id AS id FROM escalations e JOIN alerts a ON a.id = e.alert_id WHERE a.ingested_at >= $1 AND a.ingested_at < $2', range,
    );
    return {
      alerts: alerts.rows.map((a) => ({ ...a, seq: num(a.seq) })),
      receipts: receipts.rows,
      entries: entries.rows.map((e) => ({ ...e, seq: num(e.seq) })),
      escalatedAlertIds: escalated.rows.map((e) => e.id),
    };
  }

  async refusalUsers(since: string, until: string): Promise<{ userId: string }[]> {
    const { rows } = await this.pool.query<{ userId: string }>('SELECT user_id AS "userId" FROM ack_refusals WHERE at >= $1 AND at < $2', [since, until]);
    return rows;
  }

  async activity(since: string, until: string, actions: readonly string[]): Promise<ActivityRow[]> {
    const audit = await this.pool.query<Omit<ActivityRow, 'detail'> & { detail: string | null }>(
      'SELECT action, outcome, user_id AS "userId", detail FROM audit_events WHERE at >= $1 AND at < $2 AND action = ANY($3)',
      [since, until, [...actions]],
    );
    const zones = await this.pool.query<{ userId: string | null }>(
      `SELECT (body::json)->>'changedBy' AS "userId" FROM zone_history
       WHERE (body::json)->>'changedAt' >= $1 AND (body::json)->>'changedAt' < $2`, [since, until],
    );
    return [
      ...audit.rows.map((a) => ({ ...a, detail: a.detail ? (JSON.parse(a.detail) as Record<string, unknown>) : null })),
      ...zones.rows.map((z) => ({ action: 'zone_change', outcome: 'success', userId: z.userId, detail: null })),
    ];
  }

  async received(since: string, until: string): Promise<{ network: string; source: string; hits: number }[]> {
    const { rows } = await this.pool.query<{ network: string; source: string; hits: string }>(
      `SELECT COALESCE((hit::json)->'camera'->>'network', 'other') AS network, COALESCE((hit::json)->'hotlist'->>'source', 'other') AS source,
         COUNT(*) AS hits FROM alerts WHERE ingested_at >= $1 AND ingested_at < $2 GROUP BY 1, 2 ORDER BY hits DESC, network, source`,
      [since, until],
    );
    return rows.map((r) => ({ network: r.network, source: r.source, hits: num(r.hits) }));
  }

  async auditEvents(q: ExportQuery): ReturnType<ReviewStore['auditEvents']> {
    const params: unknown[] = [[...q.actions]];
    const more = conditions([['at >= ?', q.since], ['at < ?', q.until], ["(detail::json)->>'alertId' = ?", q.alertId]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ id: string; at: string; action: string; userId: string | null; username: string | null; detail: string | null }>(
      `SELECT id, at, action, user_id AS "userId", username, detail FROM audit_events
       ${more ? `${more} AND` : 'WHERE'} action = ANY($1) ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...r, id: num(r.id), detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
  }

  async dueForEscalation(horizon: string, deliveredBy: string, limit: number): Promise<DueAlert[]> {
    // Driven by the alerts of the horizon, each one's first receipt through the receipts' key (see the SQLite store).
    const { rows } = await this.pool.query<Omit<DueAlert, 'seq'> & { seq: string }>(
      `SELECT "alertId", seq, category, upper((hit::json)->>'plate') AS plate, "deliveredAt" FROM (
         SELECT a.id AS "alertId", a.seq, a.category, a.hit, (SELECT MIN(r.received_at) FROM receipts r WHERE r.alert_id = a.id) AS "deliveredAt"
         FROM alerts a
         WHERE a.ingested_at >= $1 AND a.ingested_at <= $2
           AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.alert_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM ack_facts f WHERE f.alert_id = a.id AND f.type = 'verified')) due
       WHERE "deliveredAt" <= $2 ORDER BY "deliveredAt" LIMIT $3`,
      [horizon, deliveredBy, limit],
    );
    return rows.map((r) => ({ ...r, seq: num(r.seq) }));
  }

  async addEscalation(e: EscalationRecord): Promise<boolean> {
    const res = await this.pool.query('INSERT INTO escalations (alert_id, escalated_at, body) VALUES ($1,$2,$3) ON CONFLICT (alert_id) DO NOTHING', [
      e.alertId, e.escalatedAt, JSON.stringify(e),
    ]);
    return res.rowCount === 1;
  }

  async escalation(alertId: string): Promise<EscalationRecord | undefined> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM escalations WHERE alert_id = $1', [alertId]);
    return rows[0] && (JSON.parse(rows[0].body) as EscalationRecord);
  }

  async escalations(q: { since?: string; until?: string; limit: number }): Promise<EscalationRecord[]> {
    const params: unknown[] = [];
    const filter = conditions([['escalated_at >= ?', q.since], ['escalated_at < ?', q.until]], params);
    params.push(q.limit);
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT body FROM escalations ${filter} ORDER BY escalated_at DESC, alert_id LIMIT $${params.length}`, params,
    );
    return rows.map((r) => JSON.parse(r.body) as EscalationRecord);
  }
}
