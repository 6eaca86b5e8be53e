/**
 * Metrics for any period (alerts ingested in [since, until)), in total, per unit and per user, plus
 * the series the supervisor's charts draw: time to verify by day, alerts by category, by hour of
 * day (UTC). The same counting rules as the monthly report (`report-math.ts`), so the totals of a
 * calendar month equal that month's report.
 */
import type { HubStore } from '../store/port.js';
import { type AlertCounts, type Measured, type Percentiles, byName, deliveredTo, measure, nearestRank, outcomes, touchedByUser } from './report-math.js';

type Metrics = AlertCounts & { timeToAcknowledgeMs: Percentiles; timeToVerifyMs: Percentiles };

export interface PeriodMetrics {
  since: string;
  until: string;
  unit: string | null;
  user: string | null;
  totals: Metrics;
  byUnit: ({ unit: string } & Metrics)[];
  byUser: ({ userId: string; username: string; unit: string | null } & Metrics)[];
  series: {
    timeToVerifyByDay: { day: string; verified: number; p50: number; p90: number }[];
    alertsByCategory: { category: string; alerts: number }[];
    alertsByHour: { hour: number; alerts: number }[];
  };
}

const flat = (m: Measured): Metrics => ({ ...m.alerts, timeToAcknowledgeMs: m.timeToAcknowledgeMs, timeToVerifyMs: m.timeToVerifyMs });

export async function periodMetrics(store: HubStore, q: { since: string; until: string; unit?: string; userId?: string }): Promise<PeriodMetrics> {
  const [facts, users] = await Promise.all([store.review.reportFacts(q.since, q.until), store.users.list()]);
  const all = [...outcomes(facts).values()];
  const unitMembers = (unit: string) => new Set(users.filter((u) => u.unit === unit).map((u) => u.id));
  const people = users.filter((u) => (q.unit === undefined || u.unit === q.unit) && (q.userId === undefined || u.id === q.userId));

  const touched = touchedByUser(all);
  const scope = q.userId !== undefined ? (touched.get(q.userId) ?? []) : deliveredTo(all, q.unit === undefined ? undefined : unitMembers(q.unit));
  const totals = measure(scope, q.userId);

  const units = [...new Set(people.map((u) => u.unit).filter((u): u is string => u !== null))].sort();
  const byUnit = q.userId !== undefined ? [] : units.map((unit) => ({ unit, ...flat(measure(deliveredTo(all, unitMembers(unit)))) }));
  const byUser = people
    .map((u) => ({ userId: u.id, username: u.username, unit: u.unit, ...flat(measure(touched.get(u.id) ?? [], u.id)) }))
    .filter((r) => r.delivered > 0)
    .sort((a, b) => byName(a.username, b.username));

  const days = new Map<string, number[]>();
  for (const v of totals.verifyTimes) {
    const day = new Date(v.ingestedAt).toISOString().slice(0, 10);
    const list = days.get(day);
    if (list) list.push(v.ms);
    else days.set(day, [v.ms]);
  }
  const categories = new Map<string, number>();
  const hours = Array.from({ length: 24 }, () => 0);
  for (const a of scope) {
    categories.set(a.category, (categories.get(a.category) ?? 0) + 1);
    hours[new Date(a.ingestedAt).getUTCHours()]!++;
  }
  return {
    since: q.since,
    until: q.until,
    unit: q.unit ?? null,
    user: q.userId ?? null,
    totals: flat(totals),
    byUnit,
    byUser,
    series: {
      timeToVerifyByDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, ms]) => ({ day, verified: ms.length, p50: nearestRank(ms, 50), p90: nearestRank(ms, 90) })),
      alertsByCategory: [...categories].map(([category, alerts]) => ({ category, alerts })).sort((a, b) => b.alerts - a.alerts || a.category.localeCompare(b.category)),
      alertsByHour: hours.map((alerts, hour) => ({ hour, alerts })),
    },
  };
}
