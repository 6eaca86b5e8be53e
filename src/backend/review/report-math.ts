/**
 * The counting rules of the supervisor's reports (docs/protocol.md#reports-v11), as pure functions
 * over the slim facts the store reads: one implementation for the monthly report, its CSV and
 * PDF, and the period metrics, on either store.
 *
 * - An alert counts when it was delivered (at least one receipt; from a user of the unit when one
 *   is asked for). The unit selects alerts; their entries count whoever wrote them.
 * - acknowledged / verified / actionTaken / closed: alerts with at least one entry of that type;
 *   confirmed / notConfirmed: alerts whose latest `verified` entry (by seq) has that result.
 * - Time to acknowledge (verify): serverAt of the first such entry (by seq) minus ingestedAt;
 *   p50 and p90 are nearest-rank over the alerts that have one, 0 when none.
 * - Per user: the alerts the user received or wrote an entry for, counting only the user's entries.
 */
import type { FactEntry, ReportFacts } from '../store/review-port.js';

export interface AlertCounts {
  delivered: number;
  acknowledged: number;
  verified: number;
  confirmed: number;
  notConfirmed: number;
  actionTaken: number;
  closed: number;
  neverAcknowledged: number;
  escalated: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
}

export interface Measured {
  alerts: AlertCounts;
  timeToAcknowledgeMs: Percentiles;
  timeToVerifyMs: Percentiles;
  /** Per alert that has one (for series): ingestion time and time to verify. */
  verifyTimes: { ingestedAt: number; ms: number }[];
}

export interface AlertOutcome {
  id: string;
  category: string;
  ingestedAt: number;
  recipients: Set<string>;
  /** In seq order. */
  entries: FactEntry[];
  escalated: boolean;
}

/** Names as a person sorts them: trooper-9 before trooper-10. */
export const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function nearestRank(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

const percentiles = (values: number[]): Percentiles => ({ p50: nearestRank(values, 50), p90: nearestRank(values, 90) });

/** Groups the facts by alert; alerts without a receipt are kept (callers decide what counts). */
export function outcomes(facts: ReportFacts): Map<string, AlertOutcome> {
  const escalated = new Set(facts.escalatedAlertIds);
  const byId = new Map<string, AlertOutcome>();
  for (const a of facts.alerts) {
    byId.set(a.id, { id: a.id, category: a.category, ingestedAt: Date.parse(a.ingestedAt), recipients: new Set(), entries: [], escalated: escalated.has(a.id) });
  }
  for (const r of facts.receipts) byId.get(r.alertId)?.recipients.add(r.userId);
  for (const e of facts.entries) byId.get(e.alertId)?.entries.push(e);
  for (const o of byId.values()) if (o.entries.length > 1) o.entries.sort((x, y) => x.seq - y.seq);
  return byId;
}

/** Counts and times over `alerts`; with `author`, only that user's entries count. */
export function measure(alerts: Iterable<AlertOutcome>, author?: string): Measured {
  const c: AlertCounts = { delivered: 0, acknowledged: 0, verified: 0, confirmed: 0, notConfirmed: 0, actionTaken: 0, closed: 0, neverAcknowledged: 0, escalated: 0 };
  const tta: number[] = [];
  const verifyTimes: { ingestedAt: number; ms: number }[] = [];
  for (const a of alerts) {
    c.delivered++;
    if (a.escalated) c.escalated++;
    let firstAck: FactEntry | undefined;
    let firstVerify: FactEntry | undefined;
    let lastVerify: FactEntry | undefined;
    let action = false;
    let closed = false;
    for (const e of a.entries) {
      if (author !== undefined && e.userId !== author) continue;
      if (e.type === 'acknowledged') firstAck ??= e;
      else if (e.type === 'verified') {
        firstVerify ??= e;
        lastVerify = e;
      } else if (e.type === 'action_taken') action = true;
      else if (e.type === 'closed') closed = true;
    }
    if (firstAck) {
      c.acknowledged++;
      tta.push(Date.parse(firstAck.serverAt) - a.ingestedAt);
    }
    if (firstVerify) {
      c.verified++;
      verifyTimes.push({ ingestedAt: a.ingestedAt, ms: Date.parse(firstVerify.serverAt) - a.ingestedAt });
    }
    if (lastVerify?.result === 'confirmed') c.confirmed++;
    if (lastVerify?.result === 'not_confirmed') c.notConfirmed++;
    if (action) c.actionTaken++;
    if (closed) c.closed++;
  }
  c.neverAcknowledged = c.delivered - c.acknowledged;
  return { alerts: c, timeToAcknowledgeMs: percentiles(tta), timeToVerifyMs: percentiles(verifyTimes.map((v) => v.ms)), verifyTimes };
}

/** Delivered alerts, or those delivered to at least one of `members` when given. */
export function deliveredTo(all: Iterable<AlertOutcome>, members?: ReadonlySet<string>): AlertOutcome[] {
  const out: AlertOutcome[] = [];
  for (const a of all) {
    if (a.recipients.size === 0) continue;
    if (members && ![...a.recipients].some((u) => members.has(u))) continue;
    out.push(a);
  }
  return out;
}

/** The alerts each user received or wrote an entry for (one pass, not one per user). */
export function touchedByUser(all: Iterable<AlertOutcome>): Map<string, AlertOutcome[]> {
  const byUser = new Map<string, AlertOutcome[]>();
  for (const a of all) {
    const ids = new Set(a.recipients);
    for (const e of a.entries) ids.add(e.userId);
    for (const id of ids) {
      const list = byUser.get(id);
      if (list) list.push(a);
      else byUser.set(id, [a]);
    }
  }
  return byUser;
}

/** The users who received or acted on any of `alerts`, with their alert counts per entry type. */
export function perUser(alerts: Iterable<AlertOutcome>): Map<string, { acknowledged: number; verified: number; actionTaken: number }> {
  const users = new Map<string, { acknowledged: number; verified: number; actionTaken: number }>();
  const row = (id: string) => {
    let r = users.get(id);
    if (!r) users.set(id, (r = { acknowledged: 0, verified: 0, actionTaken: 0 }));
    return r;
  };
  for (const a of alerts) {
    for (const id of a.recipients) row(id);
    const seen = new Set<string>();
    for (const e of a.entries) {
      const key = `${e.userId}\u0000${e.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const r = row(e.userId);
      if (e.type === 'acknowledged') r.acknowledged++;
      else if (e.type === 'verified') r.verified++;
      else if (e.type === 'action_taken') r.actionTaken++;
    }
  }
  return users;
}
