/**
 * The renderer's copy of the desk's recent alerts, kept from the events that carry them: an alert
 * or an alert's new view is put in place (replacing the one with its id, or, new, at the top:
 * the list is newest first, as `alerts:list` gives it), and the list is cut when the desk's was.
 * Pure functions, so a burst of alerts costs one small array copy each, not a read of the list.
 */
import type { AlertView, LockedAlertView } from '../../shared/ipc.js';

export interface AlertLists {
  alerts: AlertView[];
  locked: LockedAlertView[];
  older: number | null;
}

export const isLockedView = (v: AlertView | LockedAlertView): v is LockedAlertView => !('alert' in v);

/** Puts one alert's view in place; `undefined` when the view does not fit the lists' mode (the caller re-reads). */
export function upsertAlert(lists: AlertLists, view: AlertView | LockedAlertView): AlertLists | undefined {
  if (isLockedView(view)) {
    if (lists.alerts.length > 0) return undefined; // locked while the lists are not: the desk changed mode
    const at = lists.locked.findIndex((v) => v.seq === view.seq);
    const locked = at >= 0 ? lists.locked.with(at, view) : [view, ...lists.locked];
    return { ...lists, locked };
  }
  if (lists.locked.length > 0) return undefined;
  const at = lists.alerts.findIndex((v) => v.alert.id === view.alert.id);
  const alerts = at >= 0 ? lists.alerts.with(at, view) : [view, ...lists.alerts];
  return { ...lists, alerts };
}

/** Only an alert already listed is replaced (a change to an alert no longer listed is for the older list). */
export function replaceAlert(lists: AlertLists, view: AlertView | LockedAlertView): AlertLists {
  if (isLockedView(view)) {
    const at = lists.locked.findIndex((v) => v.seq === view.seq);
    return at >= 0 ? { ...lists, locked: lists.locked.with(at, view) } : lists;
  }
  const at = lists.alerts.findIndex((v) => v.alert.id === view.alert.id);
  return at >= 0 ? { ...lists, alerts: lists.alerts.with(at, view) } : lists;
}

/** The desk keeps only its newest `keep` alerts now; older ones start at `older`. */
export function trimAlerts(lists: AlertLists, keep: number, older: number | null): AlertLists {
  return { alerts: lists.alerts.slice(0, keep), locked: lists.locked.slice(0, keep), older };
}
