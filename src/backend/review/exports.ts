/**
 * Every export of the log, a report or an alert's evidence is itself recorded in the security
 * audit trail (who, what, when). These are the actions that count as exports, and how one reads
 * back for the supervisor (GET /audit/exports, an alert's trail, the monthly report's `exports`).
 */
export const EXPORT_ACTIONS = ['ack_export', 'report_export', 'evidence_export'] as const;

export interface ExportItem {
  id: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  /** What was exported, in words ("acknowledgement log (CSV)", "monthly report 2026-11 (PDF)"). */
  what: string;
  /** The rest in words: rows, filters, recipient. */
  detail: string | null;
  data: Record<string, unknown> | null;
}

const WHAT: Record<string, string> = { ack_export: 'acknowledgement log', report_export: 'report', evidence_export: 'evidence' };

function words(data: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof data.rows === 'number') parts.push(`${data.rows} rows`);
  if (data.filters && typeof data.filters === 'object') {
    const f = Object.entries(data.filters as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    if (f.length > 0) parts.push(f.map(([k, v]) => `${k}=${String(v)}`).join(', '));
  }
  const recipient = data.recipient as { agency?: unknown; state?: unknown } | undefined;
  if (recipient && typeof recipient === 'object') parts.push(`to ${String(recipient.agency)} (${String(recipient.state)})`);
  if (typeof data.caseNumber === 'string') parts.push(`case ${data.caseNumber}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

export function toExportItem(e: { id: number; at: string; action: string; userId: string | null; username: string | null; detail: Record<string, unknown> | null }): ExportItem {
  const data = e.detail ?? {};
  return {
    id: e.id,
    at: e.at,
    userId: e.userId,
    username: e.username,
    action: e.action,
    what: typeof data.what === 'string' ? data.what : (WHAT[e.action] ?? e.action),
    detail: words(data),
    data: e.detail,
  };
}
