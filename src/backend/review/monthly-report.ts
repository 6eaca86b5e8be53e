/**
 * The monthly audit report (docs/protocol.md 1.1 `GET /reports/monthly`) and the sharing report, read
 * from the store and counted by `report-math.ts`. Activity counts (refusals, failed logins,
 * lockouts, zone changes, searches, exports) are of events in the month; with a unit, of events by
 * that unit's users. `certificationsLapsing`: users (of the unit) whose LEADS certification ends,
 * or whose training (valid two years) runs out, on or before 60 days after the month's end,
 * including those already lapsed.
 */
import type { HubStore, UserRecord } from '../store/port.js';
import { EXPORT_ACTIONS } from './exports.js';
import { type AlertCounts, type Percentiles, byName, deliveredTo, measure, outcomes, perUser } from './report-math.js';

export interface MonthlyReport {
  month: string;
  unit: string | null;
  alerts: AlertCounts;
  timeToAcknowledgeMs: Percentiles;
  timeToVerifyMs: Percentiles;
  refusals: number;
  failedLogins: number;
  lockouts: number;
  zoneChanges: number;
  searches: number;
  exports: number;
  byUser: { userId: string; username: string; acknowledged: number; verified: number; actionTaken: number }[];
  certificationsLapsing: { userId: string; username: string; leadsCertifiedUntil: string; trainedAt: string }[];
}

export interface SharingReport {
  received: { network: string; source: string; hits: number }[];
  shared: { agency: string; state: string; exports: number }[];
}

const DAY_MS = 24 * 3600_000;
export const LAPSE_WARNING_DAYS = 60;
const ACTIVITY = ['login', 'lockout', ...EXPORT_ACTIONS];

/** [start, end) of a `YYYY-MM` month in UTC. */
export function monthRange(month: string): { since: string; until: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { since: new Date(Date.UTC(y, m - 1, 1)).toISOString(), until: new Date(Date.UTC(y, m, 1)).toISOString() };
}

export function trainingLapsesAt(trainedAt: string): Date {
  const d = new Date(trainedAt);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d;
}

export function lapsing(users: readonly UserRecord[], periodEnd: string): MonthlyReport['certificationsLapsing'] {
  const limit = Date.parse(periodEnd) + LAPSE_WARNING_DAYS * DAY_MS;
  const first = (u: UserRecord) => Math.min(Date.parse(u.leadsCertifiedUntil), trainingLapsesAt(u.trainingCompletedAt).getTime());
  return users
    .filter((u) => first(u) <= limit)
    .sort((a, b) => first(a) - first(b) || byName(a.username, b.username))
    .map((u) => ({ userId: u.id, username: u.username, leadsCertifiedUntil: u.leadsCertifiedUntil, trainedAt: u.trainingCompletedAt }));
}

export async function monthlyReport(store: HubStore, month: string, unit: string | null): Promise<MonthlyReport> {
  const { since, until } = monthRange(month);
  const [facts, users, refusals, activity, searchers] = await Promise.all([
    store.review.reportFacts(since, until),
    store.users.list(),
    store.review.refusalUsers(since, until),
    store.review.activity(since, until, ACTIVITY),
    // Searches of the reads have their own record (GET /reads/searches), one row per search.
    store.readSearches.searchers(since, until),
  ]);
  const members = unit === null ? undefined : new Set(users.filter((u) => u.unit === unit).map((u) => u.id));
  const counted = (userId: string | null) => !members || (userId !== null && members.has(userId));
  const alerts = deliveredTo(outcomes(facts).values(), members);
  const m = measure(alerts);
  const names = new Map(users.map((u) => [u.id, u.username]));
  const byUser = [...perUser(alerts)]
    .filter(([id]) => counted(id))
    .map(([userId, r]) => ({ userId, username: names.get(userId) ?? userId, ...r }))
    .sort((a, b) => byName(a.username, b.username));
  const events = activity.filter((a) => counted(a.userId));
  const count = (test: (a: (typeof events)[number]) => boolean) => events.filter(test).length;
  return {
    month,
    unit,
    alerts: m.alerts,
    timeToAcknowledgeMs: m.timeToAcknowledgeMs,
    timeToVerifyMs: m.timeToVerifyMs,
    refusals: refusals.filter((r) => counted(r.userId)).length,
    failedLogins: count((a) => a.action === 'login' && a.outcome === 'failure'),
    lockouts: count((a) => a.action === 'lockout'),
    zoneChanges: count((a) => a.action === 'zone_change'),
    searches: searchers.filter(counted).length,
    exports: count((a) => (EXPORT_ACTIONS as readonly string[]).includes(a.action)),
    byUser,
    certificationsLapsing: lapsing(members ? users.filter((u) => members.has(u.id)) : users, until),
  };
}

/**
 * Where hits came from (camera network and hot-list source of the alerts ingested in the month)
 * and which agencies evidence went to (recorded `evidence_export` events with a recipient).
 */
export async function sharingReport(store: HubStore, month: string): Promise<SharingReport> {
  const { since, until } = monthRange(month);
  const received = await store.review.received(since, until);
  const exports = await store.review.activity(since, until, ['evidence_export']);
  const shared = new Map<string, { agency: string; state: string; exports: number }>();
  for (const e of exports) {
    const r = e.detail?.recipient as { agency?: unknown; state?: unknown } | undefined;
    if (!r || typeof r.agency !== 'string' || typeof r.state !== 'string') continue;
    const key = `${r.agency}\u0000${r.state}`;
    const row = shared.get(key) ?? { agency: r.agency, state: r.state, exports: 0 };
    row.exports++;
    shared.set(key, row);
  }
  return { received, shared: [...shared.values()].sort((a, b) => b.exports - a.exports || a.agency.localeCompare(b.agency)) };
}
