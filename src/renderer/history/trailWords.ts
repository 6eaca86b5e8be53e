/**
 * My alert history's words (pure, unit-tested): where a trooper stands on an alert, and each trail
 * entry as a line ("03:05 tpr.kowalski verified: LEADS confirmed, ref L-7781").
 */
import type { AckEntry } from '../../shared/protocol/ack.js';

export function standingOf(trail: readonly AckEntry[], userId: string): string {
  const mine = trail.filter((e) => e.userId === userId);
  const last = (t: AckEntry['type']): AckEntry | undefined => [...mine].reverse().find((e) => e.type === t);
  if (last('closed')) return `closed: ${last('closed')?.close?.reason.replace('_', ' ') ?? ''}`;
  const action = last('action_taken');
  if (action) return `action taken, case ${action.action?.caseNumber ?? '?'}`;
  const v = last('verified');
  if (v) return `verified: ${v.verification?.result.replace('_', ' ') ?? ''}`;
  if (last('acknowledged')) return 'acknowledged';
  return trail.length > 0 ? 'taken by another desk' : 'never acknowledged';
}

export function entryLine(e: AckEntry): string {
  const who = e.username;
  if (e.type === 'verified' && e.verification) {
    const v = e.verification;
    return `${who} verified in ${v.system}: ${v.result.replace('_', ' ')}${v.queryReference ? `, ref ${v.queryReference}` : ''}; plate ${v.plateMatchesImage ? 'attested' : 'NOT attested'}, state ${v.stateMatches ? 'attested' : 'NOT attested'}`;
  }
  if (e.type === 'action_taken' && e.action) return `${who} took action: ${e.action.kind.replace('_', ' ')}, case ${e.action.caseNumber ?? '?'}${e.action.note ? ` (${e.action.note})` : ''}`;
  if (e.type === 'closed' && e.close) return `${who} closed it: ${e.close.reason.replace('_', ' ')}${e.close.note ? ` (${e.close.note})` : ''}`;
  return `${who} acknowledged`;
}

/** A day typed in a date field (local), as the instant it starts, or the next day's start for "to". */
export function dayStart(day: string, next = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (next ? 1 : 0));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
