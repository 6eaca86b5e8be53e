/**
 * The local hot list screen's pure parts: the states a plate may be entered for, the expiry the
 * form starts with (the policy's cap, a little under so the hub's clock agrees), the time left in
 * words, and the words of a LOCAL hit. Unit-tested in test/unit/renderer/local-list.test.ts.
 */
import type { Hit } from '../../shared/protocol/hit.js';

/** USPS codes of the states, DC and the territories, then UNK (matches any state). */
export const STATE_CODES = [
  'IL', 'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN',
  'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA',
  'WI', 'WV', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI', 'UNK',
] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A `datetime-local` value (local time, to the minute) for an instant. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The latest expiry the form offers: the cap less five minutes, to the minute below. The hub
 * checks the cap on its own clock when the entry arrives, so the form stays a little inside it.
 */
export function latestExpiry(now: number, maxDays: number): number {
  const latest = now + maxDays * DAY - 5 * MINUTE;
  return latest - (latest % MINUTE);
}

/** "29 d 23 h left", "5 h 12 min left", "Expired 2 d ago": the time left before an entry stops matching. */
export function timeLeft(expiresAt: string, now: number): { words: string; expired: boolean; soon: boolean } {
  const left = Date.parse(expiresAt) - now;
  const span = (ms: number): string => {
    if (ms >= DAY) return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
    if (ms >= HOUR) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
    return `${Math.max(1, Math.floor(ms / MINUTE))} min`;
  };
  if (left <= 0) return { words: `Expired ${span(-left)} ago`, expired: true, soon: false };
  return { words: `${span(left)} left`, expired: false, soon: left < DAY };
}

/** "LOCAL entry by trooper1 · case ISP-2026-0042", or undefined for a hit of another list. */
export function localHitLine(hit: Pick<Hit, 'hotlist'>): string | undefined {
  if (hit.hotlist.source !== 'LOCAL') return undefined;
  const by = hit.hotlist.owner ? ` by ${hit.hotlist.owner.username}` : '';
  const kase = hit.hotlist.caseNumber ? ` · case ${hit.hotlist.caseNumber}` : '';
  return `LOCAL entry${by}${kase}`;
}
