/**
 * The popup's queue: which alerts still need this desk, in the order a trooper must take them.
 * AMBER/SILVER first, then felony, stolen, the rest (CATEGORY_PRIORITY); within one priority the
 * oldest read first, so nothing urgent sinks behind newer noise. Nothing is ever dropped: an alert
 * leaves the queue only when this user has closed it or recorded an action.
 */
import { CATEGORY_PRIORITY } from '../../shared/protocol/categories.js';
import type { AlertView } from '../../shared/ipc.js';
import { myProgress } from './progress.js';

export function isOpenFor(view: AlertView, userId: string): boolean {
  const p = myProgress(view, userId);
  return !p.closed && !p.actionTaken;
}

export function byPriority(a: AlertView, b: AlertView): number {
  const pa = CATEGORY_PRIORITY[a.alert.hit.category];
  const pb = CATEGORY_PRIORITY[b.alert.hit.category];
  if (pa !== pb) return pa - pb;
  const ta = Date.parse(a.alert.hit.readAt);
  const tb = Date.parse(b.alert.hit.readAt);
  if (ta !== tb) return ta - tb;
  return a.seq - b.seq;
}

/** The alerts still open for this user, most urgent first. */
export function alertQueue(views: readonly AlertView[], userId: string): AlertView[] {
  return views.filter((v) => isOpenFor(v, userId)).sort(byPriority);
}
