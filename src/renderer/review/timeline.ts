/**
 * One alert's life as one list in time order: ingested by the hub, delivered to each desk, every
 * step (with the desk's clock beside the hub's, so a wrong desk clock shows), refused attempts,
 * the escalation and every export. Pure, unit-tested.
 */
import type { AlertTrail } from '../../shared/ipc-review.js';
import { dateTime, RESULT_WORDS, STEP_WORDS, words } from './format.js';

export type MomentKind = 'ingested' | 'delivered' | 'step' | 'refused' | 'escalated' | 'export';

export interface Moment {
  /** Hub time (what orders the list). */
  at: string;
  kind: MomentKind;
  title: string;
  who?: string;
  /** The installation (desk) it happened on. */
  desk?: string;
  /** The desk's own clock, when the event carries one. */
  deskAt?: string;
  detail?: string;
  /** Log entry seq, for steps. */
  seq?: number;
}

const ORDER: Record<MomentKind, number> = {
  ingested: 0,
  delivered: 1,
  step: 2,
  refused: 3,
  escalated: 4,
  export: 5,
};

function stepDetail(e: AlertTrail['trail'][number]): string {
  if (e.verification) {
    const v = e.verification;
    const attest = [
      v.plateMatchesImage ? 'plate matches image' : 'plate NOT attested',
      v.stateMatches ? 'state matches' : 'state NOT attested',
    ].join(', ');
    return [
      `${v.system}: ${RESULT_WORDS[v.result] ?? words(v.result)}`,
      attest,
      v.queryReference && `ref ${v.queryReference}`,
      v.note,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (e.action)
    return [words(e.action.kind), e.action.caseNumber && `case ${e.action.caseNumber}`, e.action.note]
      .filter(Boolean)
      .join(' · ');
  if (e.close) return [words(e.close.reason), e.close.note].filter(Boolean).join(' · ');
  return '';
}

export function timeline(t: AlertTrail): Moment[] {
  const moments: Moment[] = [
    {
      at: t.alert.ingestedAt,
      kind: 'ingested',
      title: 'Received by the hub',
      detail: `read by the camera at ${dateTime(t.alert.hit.readAt)}`,
    },
  ];
  for (const r of t.receipts)
    moments.push({
      at: r.receivedAt,
      kind: 'delivered',
      title: 'Delivered',
      who: r.username ?? r.userId,
      desk: r.clientId,
    });
  for (const e of t.trail) {
    moments.push({
      at: e.serverAt,
      kind: 'step',
      title: STEP_WORDS[e.type],
      who: e.username,
      desk: e.clientId,
      deskAt: e.at,
      detail: stepDetail(e),
      seq: e.seq,
    });
  }
  for (const r of t.refusals) {
    moments.push({
      at: r.serverAt ?? r.at,
      kind: 'refused',
      title: `Refused: ${STEP_WORDS[r.type as keyof typeof STEP_WORDS] ?? words(r.type)}`,
      who: r.username,
      desk: r.clientId,
      deskAt: r.at,
      detail: `${r.error.code}: ${r.error.message}`,
    });
  }
  if (t.escalation) {
    const units = t.escalation.units.length
      ? `to the supervisors and dispatchers of ${t.escalation.units.join(', ')}`
      : 'to the supervisors';
    moments.push({
      at: t.escalation.escalatedAt,
      kind: 'escalated',
      title: 'Escalated: nobody verified within 10 minutes',
      detail: units,
    });
  }
  for (const x of t.exports) {
    moments.push({
      at: x.at,
      kind: 'export',
      title: `Exported: ${x.what}`,
      ...(x.username ? { who: x.username } : {}),
      ...(x.detail ? { detail: x.detail } : {}),
    });
  }
  return moments.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) || ORDER[a.kind] - ORDER[b.kind] || (a.seq ?? 0) - (b.seq ?? 0),
  );
}

/**
 * How far the desk's time of a step was from the hub's, in words; undefined when close (< 2 s).
 * Earlier usually means the step waited in the desk's outbox (offline); later, a desk clock ahead.
 */
export function clockSkew(deskAt: string | undefined, hubAt: string): string | undefined {
  if (!deskAt) return undefined;
  const ms = Date.parse(deskAt) - Date.parse(hubAt);
  if (!Number.isFinite(ms) || Math.abs(ms) < 2000) return undefined;
  const s = Math.round(Math.abs(ms) / 1000);
  const amount = s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
  return ms < 0 ? `desk time ${amount} earlier` : `desk time ${amount} later`;
}
