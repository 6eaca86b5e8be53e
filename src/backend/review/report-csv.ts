/**
 * The monthly report as CSV: one `section,field,value` table for the figures, then the per-user
 * table and the lapsing certifications, each under its own header row, separated by a blank line
 * (a spreadsheet opens it as is). Cells are quoted and defused like the log's CSV.
 */
import type { MonthlyReport } from './monthly-report.js';

export const MARKING = 'LAW ENFORCEMENT SENSITIVE';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (...values: unknown[]): string => values.map(cell).join(',');

export function monthlyCsv(r: MonthlyReport, generatedAt: string): string {
  const lines = [
    line('section', 'field', 'value'),
    line('report', 'marking', MARKING),
    line('report', 'month', r.month),
    line('report', 'unit', r.unit ?? 'all units'),
    line('report', 'generatedAt', generatedAt),
    ...Object.entries(r.alerts).map(([k, v]) => line('alerts', k, v)),
    line('timeToAcknowledgeMs', 'p50', r.timeToAcknowledgeMs.p50),
    line('timeToAcknowledgeMs', 'p90', r.timeToAcknowledgeMs.p90),
    line('timeToVerifyMs', 'p50', r.timeToVerifyMs.p50),
    line('timeToVerifyMs', 'p90', r.timeToVerifyMs.p90),
    ...(['refusals', 'failedLogins', 'lockouts', 'zoneChanges', 'searches', 'exports'] as const).map((k) => line('activity', k, r[k])),
    '',
    line('userId', 'username', 'acknowledged', 'verified', 'actionTaken'),
    ...r.byUser.map((u) => line(u.userId, u.username, u.acknowledged, u.verified, u.actionTaken)),
    '',
    line('userId', 'username', 'leadsCertifiedUntil', 'trainedAt'),
    ...r.certificationsLapsing.map((u) => line(u.userId, u.username, u.leadsCertifiedUntil, u.trainedAt)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
