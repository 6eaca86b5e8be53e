/**
 * The supervisor's reads (part of the storage port, `HubStore.review`): the acknowledgement log
 * searched by what the log screen filters on, the slim facts the reports and metrics are computed
 * from, and the escalation records. Kept apart from `port.ts` because these are reads over the
 * other ports' tables (plus a denormalised search table the stores keep in step with the log).
 */
import type { AckEntry, AckType, Category } from '../../shared/protocol/index.js';
import type { AckRefusalRecord } from './port.js';

type VerificationResult = 'confirmed' | 'not_confirmed' | 'unable';

export interface AckSearch {
  since?: string;
  until?: string;
  userId?: string;
  /** The unit the user belonged to when the entry was written. */
  unit?: string;
  category?: Category;
  type?: AckType;
  result?: VerificationResult;
  /** Upper-case text found inside the alert's plate or the entry's case number. */
  text?: string;
  alertId?: string;
  order: 'asc' | 'desc';
  /** Cursor: entries after this seq in the chosen order (greater for asc, smaller for desc). */
  cursorSeq?: number;
  limit: number;
}

/** A log entry with what the table shows of its alert and user. Only the AckEntry part is hashed. */
export type AckRow = AckEntry & { plate: string | null; plateState: string | null; category: Category | null; unit: string | null };

export type RefusalRow = AckRefusalRecord & { plate: string | null; category: Category | null; unit: string | null };

export interface FactAlert {
  id: string;
  seq: number;
  category: Category;
  ingestedAt: string;
}

export interface FactEntry {
  seq: number;
  alertId: string;
  userId: string;
  type: AckType;
  result: VerificationResult | null;
  serverAt: string;
}

/** Everything the reports count, for the alerts ingested in [since, until). */
export interface ReportFacts {
  alerts: FactAlert[];
  /** (alert, user) of each delivery receipt; a user with several installations may repeat. */
  receipts: { alertId: string; userId: string }[];
  entries: FactEntry[];
  escalatedAlertIds: string[];
}

/** Security-audit and zone-history rows in a period, reduced to what the monthly report counts. */
export interface ActivityRow {
  action: string;
  outcome: string;
  userId: string | null;
  detail: Record<string, unknown> | null;
}

export interface EscalationRecord {
  alertId: string;
  seq: number;
  category: Category;
  plate: string;
  deliveredAt: string;
  escalatedAt: string;
  units: string[];
}

export interface DueAlert {
  alertId: string;
  seq: number;
  category: Category;
  plate: string;
  deliveredAt: string;
}

export interface ExportQuery {
  since?: string;
  until?: string;
  actions: readonly string[];
  /** Only events whose detail names this alert (`detail.alertId`). */
  alertId?: string;
  limit: number;
}

export interface ReviewStore {
  searchAcks(q: AckSearch): Promise<AckRow[]>;
  refusals(q: { since?: string; until?: string; userId?: string; alertId?: string; limit: number }): Promise<RefusalRow[]>;
  reportFacts(since: string, until: string): Promise<ReportFacts>;
  /** Refused ack events whose `at` is in [since, until). */
  refusalUsers(since: string, until: string): Promise<{ userId: string }[]>;
  /** Security audit events (and zone changes, as action `zone_change`) whose time is in [since, until). */
  activity(since: string, until: string, actions: readonly string[]): Promise<ActivityRow[]>;
  /** Hits received per camera network and hot-list source, for alerts ingested in [since, until). */
  received(since: string, until: string): Promise<{ network: string; source: string; hits: number }[]>;
  /** Audit events of the given actions, newest first (the exports read). */
  auditEvents(q: ExportQuery): Promise<{ id: number; at: string; action: string; userId: string | null; username: string | null; detail: Record<string, unknown> | null }[]>;
  /**
   * Alerts first delivered in [horizon, deliveredBy] that nobody has verified and that are not
   * escalated yet, oldest delivery first.
   */
  dueForEscalation(horizon: string, deliveredBy: string, limit: number): Promise<DueAlert[]>;
  /** Records an escalation; false when the alert was already escalated (another node won). */
  addEscalation(e: EscalationRecord): Promise<boolean>;
  escalation(alertId: string): Promise<EscalationRecord | undefined>;
  escalations(q: { since?: string; until?: string; limit: number }): Promise<EscalationRecord[]>;
}

// Every HubStore carries these reads. Declared here rather than in port.ts's HubStore so this
// section of the port stays in one file next to its types.
declare module './port.js' {
  interface HubStore {
    review: ReviewStore;
  }
}
