/** Times as a trooper reads them: a wall-clock time and a live "2 min ago". */

/** NCIC asks entering agencies to confirm urgent hits within 10 minutes. */
export const ESCALATE_AFTER_MS = 10 * 60_000;

export function clockTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** Elapsed time as m:ss (or h:mm:ss), for the big timer. */
export function elapsed(iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Age of a hot-list entry in whole days, or undefined when the list gave no entry date. */
export function entryAgeDays(enteredAt: string | undefined, now: number): number | undefined {
  if (!enteredAt) return undefined;
  return Math.max(0, Math.floor((now - Date.parse(enteredAt)) / 86_400_000));
}

const POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** 270 -> "W (270°)". */
export function compass(heading: number | undefined): string | undefined {
  if (heading === undefined) return undefined;
  return `${POINTS[Math.round(heading / 45) % 8]} (${heading}°)`;
}

/** How old something is, without "ago": "12 min", "26 h", "3 days" (a hot list's age). */
export function age(iso: string, now: number): string {
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
