/**
 * SQLite side of the supervisor's reads. `ack_facts` holds, per log entry, the columns the log
 * screen filters on (the user's unit when the entry was written, the alert's plate and category,
 * the step, the verification result, the case number): the log itself keeps only the hashed body,
 * and filtering 1,000,000 entries by JSON inside it would read every row. The same INSERT ... SELECT
 * fills it behind the appends (catchUpAckFacts) and, at open, for entries written by a hub that had no such table.
 */
import type Database from 'better-sqlite3';
import type { AckEntry } from '../../../shared/protocol/index.js';
import type { AckRefusalRecord } from '../port.js';
import type {
  AckRow, AckSearch, ActivityRow, DueAlert, EscalationRecord, ExportQuery, FactAlert, FactEntry, RefusalRow, ReportFacts, ReviewStore,
} from '../review-port.js';

const DDL = `
CREATE TABLE IF NOT EXISTS ack_facts (
  seq INTEGER PRIMARY KEY,
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
CREATE INDEX IF NOT EXISTS ack_facts_server_at ON ack_facts(server_at);
CREATE INDEX IF NOT EXISTS ack_facts_user ON ack_facts(user_id, seq);
CREATE INDEX IF NOT EXISTS ack_facts_unit ON ack_facts(unit, seq);
CREATE INDEX IF NOT EXISTS ack_facts_category ON ack_facts(category, seq);
CREATE INDEX IF NOT EXISTS ack_facts_type ON ack_facts(type, result, seq);
CREATE INDEX IF NOT EXISTS ack_facts_plate ON ack_facts(plate);
CREATE INDEX IF NOT EXISTS ack_facts_case ON ack_facts(case_number);
CREATE INDEX IF NOT EXISTS ack_facts_alert ON ack_facts(alert_id);
CREATE INDEX IF NOT EXISTS ack_facts_ingested ON ack_facts(ingested_at);
CREATE INDEX IF NOT EXISTS ack_refusals_alert ON ack_refusals(alert_id);
CREATE INDEX IF NOT EXISTS ack_refusals_at ON ack_refusals(at);
CREATE INDEX IF NOT EXISTS receipts_received ON receipts(received_at);
CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events(at);
CREATE TABLE IF NOT EXISTS escalations (
  alert_id TEXT PRIMARY KEY,
  escalated_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_at ON escalations(escalated_at);
CREATE TRIGGER IF NOT EXISTS escalations_no_update BEFORE UPDATE ON escalations
BEGIN SELECT RAISE(ABORT, 'escalations is append-only'); END;
CREATE TRIGGER IF NOT EXISTS escalations_no_delete BEFORE DELETE ON escalations
BEGIN SELECT RAISE(ABORT, 'escalations is append-only'); END;
`;

const FACTS_FROM_LOG = `INSERT OR IGNORE INTO ack_facts
  (seq, alert_id, user_id, unit, category, type, result, plate, plate_state, case_number, server_at, ingested_at)
  SELECT l.seq, l.alert_id, l.user_id, u.unit, a.category, json_extract(l.body, '$.type'),
    json_extract(l.body, '$.verification.result'), upper(json_extract(a.hit, '$.plate')), json_extract(a.hit, '$.plateState'),
    upper(json_extract(l.body, '$.action.caseNumber')), l.server_at, a.ingested_at
  FROM ack_log l LEFT JOIN alerts a ON a.id = l.alert_id LEFT JOIN users u ON u.id = l.user_id
  WHERE l.seq > ?`;

export function createReviewSchema(db: Database.Database): void {
  db.exec(DDL);
  const done = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM ack_facts').get() as { s: number }).s;
  db.prepare(FACTS_FROM_LOG).run(done);
}

/**
 * Brings `ack_facts` up to the log's last entry. The append path calls it every few hundred entries
 * and when appends pause (./acks.ts), not in every batch: its nine indexes were a quarter of an
 * append's CPU and most of each commit's pages. So that no read sees it behind, every read of
 * `ack_facts` calls it first, and a change of a user's unit (or a user's removal) calls it before
 * the change, by the connection's triggers below: each entry keeps the unit its author had when it
 * was written.
 */
export function catchUpAckFacts(db: Database.Database): void {
  let statement = factsStatements.get(db);
  if (!statement) factsStatements.set(db, (statement = db.prepare(FACTS_CATCH_UP)));
  statement.run();
}

const FACTS_CATCH_UP = FACTS_FROM_LOG.replace('WHERE l.seq > ?', 'WHERE l.seq > (SELECT COALESCE(MAX(seq), 0) FROM ack_facts)');

/** The triggers of catchUpAckFacts's doc: TEMP, so they live with the connection and change no schema. */
export function catchUpAckFactsBeforeUnitChanges(db: Database.Database): void {
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS ack_facts_before_unit_change BEFORE UPDATE OF unit ON main.users
    BEGIN ${FACTS_CATCH_UP}; END;
    CREATE TEMP TRIGGER IF NOT EXISTS ack_facts_before_user_removal BEFORE DELETE ON main.users
    BEGIN ${FACTS_CATCH_UP}; END;`);
}

/** One prepared statement per database: preparing it inside every append cost as much as running it. */
const factsStatements = new WeakMap<Database.Database, Database.Statement>();

interface JoinedRow {
  body: string;
  hash: string;
  plate: string | null;
  plate_state: string | null;
  category: AckRow['category'];
  unit: string | null;
}

const toRow = (r: JoinedRow): AckRow => ({
  ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>),
  hash: r.hash,
  plate: r.plate,
  plateState: r.plate_state,
  category: r.category,
  unit: r.unit,
});

const parseDetail = (s: string | null): Record<string, unknown> | null => (s ? (JSON.parse(s) as Record<string, unknown>) : null);

export class SqliteReviewStore implements ReviewStore {
  constructor(
    private readonly db: Database.Database,
    /** Writes the receipts still waiting for their batch: called before a read that joins them. */
    private readonly flushReceipts: () => void = () => {},
  ) {}

  async searchAcks(q: AckSearch): Promise<AckRow[]> {
    catchUpAckFacts(this.db);
    const desc = q.order === 'desc';
    const rows = this.db
      .prepare(
        `SELECT l.body, l.hash, f.plate, f.plate_state, f.category, f.unit FROM ack_facts f JOIN ack_log l ON l.seq = f.seq
         WHERE (@since IS NULL OR f.server_at >= @since) AND (@until IS NULL OR f.server_at < @until)
           AND (@user IS NULL OR f.user_id = @user) AND (@unit IS NULL OR f.unit = @unit)
           AND (@category IS NULL OR f.category = @category) AND (@type IS NULL OR f.type = @type)
           AND (@result IS NULL OR f.result = @result) AND (@alert IS NULL OR f.alert_id = @alert)
           AND (@text IS NULL OR instr(f.plate, @text) > 0 OR instr(f.case_number, @text) > 0)
           AND (@cursor IS NULL OR ${desc ? 'f.seq < @cursor' : 'f.seq > @cursor'})
         ORDER BY f.seq ${desc ? 'DESC' : 'ASC'} LIMIT @limit`,
      )
      .all({
        since: q.since ?? null, until: q.until ?? null, user: q.userId ?? null, unit: q.unit ?? null, category: q.category ?? null,
        type: q.type ?? null, result: q.result ?? null, alert: q.alertId ?? null, text: q.text ?? null, cursor: q.cursorSeq ?? null,
        limit: q.limit,
      }) as JoinedRow[];
    return rows.map(toRow);
  }

  async refusals(q: { since?: string; until?: string; userId?: string; alertId?: string; limit: number }): Promise<RefusalRow[]> {
    const rows = this.db
      .prepare(
        `SELECT r.body, upper(json_extract(a.hit, '$.plate')) AS plate, a.category, u.unit FROM ack_refusals r
         LEFT JOIN alerts a ON a.id = r.alert_id LEFT JOIN users u ON u.id = r.user_id
         WHERE (@since IS NULL OR r.at >= @since) AND (@until IS NULL OR r.at < @until)
           AND (@user IS NULL OR r.user_id = @user) AND (@alert IS NULL OR r.alert_id = @alert)
         ORDER BY r.rowid LIMIT @limit`,
      )
      .all({ since: q.since ?? null, until: q.until ?? null, user: q.userId ?? null, alert: q.alertId ?? null, limit: q.limit }) as {
      body: string; plate: string | null; category: RefusalRow['category']; unit: string | null;
    }[];
    return rows.map((r) => ({ ...(JSON.parse(r.body) as AckRefusalRecord), plate: r.plate, category: r.category, unit: r.unit }));
  }

  async reportFacts(since: string, until: string): Promise<ReportFacts> {
    catchUpAckFacts(this.db);
    this.flushReceipts();
    const range = { since, until };
    const alerts = this.db
      .prepare('SELECT id, seq, category, ingested_at AS ingestedAt FROM alerts WHERE ingested_at >= @since AND ingested_at < @until')
      .all(range) as FactAlert[];
    const receipts = this.db
      .prepare(
        `SELECT r.alert_id AS alertId, r.user_id AS userId FROM alerts a JOIN receipts r ON r.alert_id = a.id
         WHERE a.ingested_at >= @since AND a.ingested_at < @until`,
      )
      .all(range) as { alertId: string; userId: string }[];
    const entries = this.db
      .prepare(
        `SELECT seq, alert_id AS alertId, user_id AS userId, type, result, server_at AS serverAt FROM ack_facts
         WHERE ingested_at >= @since AND ingested_at < @until`,
      )
      .all(range) as FactEntry[];
    const escalated = this.db
      .prepare('SELECT e.alert_id AS id FROM escalations e JOIN alerts a ON a.id = e.alert_id WHERE a.ingested_at >= @since AND a.ingested_at < @until')
      .all(range) as { id: string }[];
    return { alerts, receipts, entries, escalatedAlertIds: escalated.map((e) => e.id) };
  }

  async refusalUsers(since: string, until: string): Promise<{ userId: string }[]> {
    return this.db.prepare('SELECT user_id AS userId FROM ack_refusals WHERE at >= ? AND at < ?').all(since, until) as { userId: string }[];
  }

  async activity(since: string, until: string, actions: readonly string[]): Promise<ActivityRow[]> {
    const audit = this.db
      .prepare(`SELECT action, outcome, user_id AS userId, detail FROM audit_events WHERE at >= ? AND at < ? AND action IN (SELECT value FROM json_each(?))`)
      .all(since, until, JSON.stringify(actions)) as (Omit<ActivityRow, 'detail'> & { detail: string | null })[];
    const zones = this.db
      .prepare(
        `SELECT json_extract(body, '$.changedBy') AS userId FROM zone_history
         WHERE json_extract(body, '$.changedAt') >= ? AND json_extract(body, '$.changedAt') < ?`,
      )
      .all(since, until) as { userId: string | null }[];
    return [
      ...audit.map((a) => ({ ...a, detail: parseDetail(a.detail) })),
      ...zones.map((z) => ({ action: 'zone_change', outcome: 'success', userId: z.userId, detail: null })),
    ];
  }

  async received(since: string, until: string): Promise<{ network: string; source: string; hits: number }[]> {
    return this.db
      .prepare(
        `SELECT COALESCE(json_extract(hit, '$.camera.network'), 'other') AS network, COALESCE(json_extract(hit, '$.hotlist.source'), 'other') AS source,
           COUNT(*) AS hits FROM alerts WHERE ingested_at >= ? AND ingested_at < ? GROUP BY 1, 2 ORDER BY hits DESC, network, source`,
      )
      .all(since, until) as { network: string; source: string; hits: number }[];
  }

  async auditEvents(q: ExportQuery): ReturnType<ReviewStore['auditEvents']> {
    const rows = this.db
      .prepare(
        `SELECT id, at, action, user_id AS userId, username, detail FROM audit_events
         WHERE action IN (SELECT value FROM json_each(@actions)) AND (@since IS NULL OR at >= @since) AND (@until IS NULL OR at < @until)
           AND (@alert IS NULL OR json_extract(detail, '$.alertId') = @alert)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ actions: JSON.stringify(q.actions), since: q.since ?? null, until: q.until ?? null, alert: q.alertId ?? null, limit: q.limit }) as {
      id: number; at: string; action: string; userId: string | null; username: string | null; detail: string | null;
    }[];
    return rows.map((r) => ({ ...r, detail: parseDetail(r.detail) }));
  }

  async dueForEscalation(horizon: string, deliveredBy: string, limit: number): Promise<DueAlert[]> {
    catchUpAckFacts(this.db);
    this.flushReceipts();
    // Driven by the alerts of the horizon (a first receipt comes after the ingest), each one's first
    // receipt found through the receipts' key: grouping the horizon's receipts read a day of them
    // every 5 seconds (2,000 per statewide alert), far more rows than the day's alerts.
    return this.db
      .prepare(
        `SELECT alertId, seq, category, upper(json_extract(hit, '$.plate')) AS plate, deliveredAt FROM (
           SELECT a.id AS alertId, a.seq, a.category, a.hit, (SELECT MIN(r.received_at) FROM receipts r WHERE r.alert_id = a.id) AS deliveredAt
           FROM alerts a
           WHERE a.ingested_at >= @horizon AND a.ingested_at <= @by
             AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.alert_id = a.id)
             AND NOT EXISTS (SELECT 1 FROM ack_facts f WHERE f.alert_id = a.id AND f.type = 'verified'))
         WHERE deliveredAt <= @by ORDER BY deliveredAt LIMIT @limit`,
      )
      .all({ horizon, by: deliveredBy, limit }) as DueAlert[];
  }

  async addEscalation(e: EscalationRecord): Promise<boolean> {
    return this.db.prepare('INSERT OR IGNORE INTO escalations (alert_id, escalated_at, body) VALUES (?,?,?)').run(e.alertId, e.escalatedAt, JSON.stringify(e)).changes === 1;
  }

  async escalation(alertId: string): Promise<EscalationRecord | undefined> {
    const r = this.db.prepare('SELECT body FROM escalations WHERE alert_id = ?').get(alertId) as { body: string } | undefined;
    return r && (JSON.parse(r.body) as EscalationRecord);
  }

  async escalations(q: { since?: string; until?: string; limit: number }): Promise<EscalationRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT body FROM escalations WHERE (@since IS NULL OR escalated_at >= @since) AND (@until IS NULL OR escalated_at < @until)
         ORDER BY escalated_at DESC, alert_id LIMIT @limit`,
      )
      .all({ since: q.since ?? null, until: q.until ?? null, limit: q.limit }) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as EscalationRecord);
  }
}
