/**
 * How the review screens put log facts in words: dates with times (a supervisor reads across days),
 * durations, steps and results. Pure, so it is unit-tested without a browser.
 */
import type { AckType } from '../../shared/protocol/ack.js';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-28 03:15:04` in the desk's local time. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
}

/** A duration as a supervisor compares them: `45 s`, `3 min 05 s`, `2 h 10 min`; `none` for no value. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return 'none';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${p2(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${p2(m % 60)} min`;
}

export const STEP_WORDS: Record<AckType, string> = {
  acknowledged: 'Acknowledged',
  verified: 'Verified',
  action_taken: 'Action taken',
  closed: 'Closed',
};

export const RESULT_WORDS: Record<string, string> = {
  confirmed: 'Confirmed',
  not_confirmed: 'NOT confirmed',
  unable: 'Unable to verify',
};

/** Words for an enum value we have no label for: `notified_unit` -> `notified unit`. */
export function words(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ') : '';
}

/** The start of a local calendar day (`2026-11-28` from an <input type=date>) as an ISO instant. */
export function dayStart(day: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The end of a local calendar day: the start of the next one (the hub's `until` is exclusive). */
export function dayEnd(day: string): string | undefined {
  const start = dayStart(day);
  if (!start) return undefined;
  const d = new Date(start);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** `2026-11` for the month before the one `now` is in (the month a supervisor audits). */
export function previousMonth(now: number): string {
  const d = new Date(now);
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}`;
}

/** `November 2026` for `2026-11`. */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Date(y, m - 1, 1).toLocaleString('en-US', { month: 'long', year: 'numeric' });
}

/** A share as a whole percent of a total, `-` when there is no total. */
export function percent(part: number, total: number): string {
  return total > 0 ? `${Math.round((part / total) * 100)}%` : '-';
}

/** A long hash shortened for a screen, the full value kept for a title: `3fa1c2…9b0e`. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}
