/**
 * The Troop view's reading of an alert: who has taken it and how far each desk got, whether it is
 * still open and for how long, and the order of the list (open alerts nobody has acknowledged
 * first: those are the ones a dispatcher must chase). Pure, unit-tested.
 */
import type { TroopAlert, TroopUpdate } from '../../shared/ipc-troop.js';
import type { AckEntry } from '../../shared/protocol/ack.js';

export type StepName = 'acknowledged' | 'confirmed' | 'not_confirmed' | 'unable' | 'action_taken' | 'closed';

/** The words of a step, as a dispatcher says them on the radio. */
export const STEP_WORDS: Record<StepName, string> = {
  acknowledged: 'Acknowledged, verifying',
  confirmed: 'Confirmed in LEADS/NCIC',
  not_confirmed: 'Not confirmed',
  unable: 'Could not verify',
  action_taken: 'Action taken',
  closed: 'Closed',
};

export interface Taker {
  userId: string;
  name: string;
  step: StepName;
  at: string;
}

export type Standing = 'unacknowledged' | 'open' | 'closed';

export interface TroopRow {
  item: TroopAlert;
  takers: Taker[];
  standing: Standing;
  /** When the alert stopped being open (its last desk closed it), or undefined while open. */
  closedAt?: string;
}

function stepOf(e: AckEntry): StepName {
  if (e.type === 'verified') return e.verification?.result ?? 'confirmed';
  return e.type === 'action_taken' ? 'action_taken' : e.type === 'closed' ? 'closed' : 'acknowledged';
}

/** Each desk's latest step, in the order the desks took the alert. */
export function takersOf(item: TroopAlert): Taker[] {
  const names = new Map(item.receipts.map((r) => [r.userId, r.displayName ?? r.username ?? r.userId]));
  const latest = new Map<string, Taker>();
  for (const e of [...item.trail].sort((a, b) => a.seq - b.seq)) {
    latest.set(e.userId, { userId: e.userId, name: names.get(e.userId) ?? e.username, step: stepOf(e), at: e.serverAt });
  }
  return [...latest.values()];
}

/** An alert is closed once every desk that took it has closed its trail; untaken, it is unacknowledged. */
export function troopRow(item: TroopAlert): TroopRow {
  const takers = takersOf(item);
  if (takers.length === 0) return { item, takers, standing: 'unacknowledged' };
  if (takers.every((t) => t.step === 'closed')) {
    const closedAt = takers.map((t) => t.at).sort().at(-1);
    return { item, takers, standing: 'closed', ...(closedAt ? { closedAt } : {}) };
  }
  return { item, takers, standing: 'open' };
}

const RANK: Record<Standing, number> = { unacknowledged: 0, open: 1, closed: 2 };

/** Unacknowledged first, then open, then closed; the oldest first among the unacknowledged (waiting longest), newest first otherwise. */
export function troopRows(items: readonly TroopAlert[]): TroopRow[] {
  return items
    .map(troopRow)
    .sort((a, b) => RANK[a.standing] - RANK[b.standing] || (a.standing === 'unacknowledged' ? a.item.seq - b.item.seq : b.item.seq - a.item.seq));
}

/** The list after another desk's step arrived: the entry joins its alert's trail once (by seq). */
export function withEntry(items: readonly TroopAlert[], update: TroopUpdate): { items: TroopAlert[]; known: boolean } {
  let known = false;
  const next = items.map((item) => {
    if (item.alert.id !== update.alertId) return item;
    known = true;
    if (item.trail.some((e) => e.seq === update.entry.seq)) return item;
    return { ...item, trail: [...item.trail, update.entry].sort((a, b) => a.seq - b.seq) };
  });
  return { items: next, known };
}

/** How long the alert has been open (or was, once closed), from its ingestion. */
export function openFor(row: TroopRow, now: number): number {
  const end = row.closedAt ? Date.parse(row.closedAt) : now;
  return Math.max(0, end - Date.parse(row.item.alert.ingestedAt));
}

export function duration(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.floor(ms / 1000)} s`;
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
