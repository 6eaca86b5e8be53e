/**
 * The renderer's view of the main process: session, link presence, settings, policy and alerts,
 * loaded through `window.tas` and kept fresh by its events. The main process is the source of
 * truth; this hook only mirrors it: the list is read at sign-in and reconnects, and in between the
 * events carry the alert that arrived or changed, which is put in place (model/alertList.ts).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { AlertView, LockedAlertView, Presence, SessionState, Settings } from '../../shared/ipc.js';
import type { Policy } from '../../shared/protocol/policy.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { tas } from '../api.js';
import { type AlertLists, replaceAlert, trimAlerts, upsertAlert } from '../model/alertList.js';

export interface TasState {
  session?: SessionState;
  presence?: Presence;
  settings?: Settings;
  policy?: Policy;
  zones: Zone[];
  alerts: AlertView[];
  /** Where the alerts older than `alerts` start on this desk (`alerts:older`); null when none are older. */
  older: number | null;
  locked: LockedAlertView[];
  /** Set when the host could not be reached at all (the bridge is down). */
  hostError?: string;
}

export function useTas(): TasState & { refresh: () => Promise<void>; setSettings: (s: Partial<Settings>) => Promise<void> } {
  const [state, setState] = useState<TasState>({ zones: [], alerts: [], older: null, locked: [] });
  // How many session and presence events have arrived: a read started before one of them answers
  // with what was true then, and must not overwrite the newer event (the link said "connected"
  // while the read was in flight, and the console showed "Connecting…" for good).
  const events = useRef({ session: 0, presence: 0 });

  // The alert lists as last set, so an event is applied to the newest lists synchronously.
  const lists = useRef<AlertLists>({ alerts: [], locked: [], older: null });
  const setLists = useCallback((next: AlertLists) => {
    lists.current = next;
    setState((s) => ({ ...s, ...next }));
  }, []);

  // Alert events that arrive while a list read is in flight, replayed onto its answer in order (the
  // answer may lack them; replaying one it already has puts the same view in place again).
  const reads = useRef(new Set<((l: AlertLists) => AlertLists | undefined)[]>());

  const refreshAlerts = useCallback(async () => {
    const arrived: ((l: AlertLists) => AlertLists | undefined)[] = [];
    reads.current.add(arrived);
    try {
      const list = await tas().invoke('alerts:list');
      let next: AlertLists = list.locked ? { alerts: [], older: null, locked: list.items } : { alerts: list.items, older: list.older, locked: [] };
      for (const change of arrived) next = change(next) ?? next;
      setLists(next);
    } finally {
      reads.current.delete(arrived);
    }
  }, [setLists]);

  /** Applies an alert event to the lists; a view that does not fit them (the lock changed) re-reads. */
  const applyAlerts = useCallback(
    (change: (lists: AlertLists) => AlertLists | undefined) => {
      for (const arrived of reads.current) arrived.push(change);
      const next = change(lists.current);
      if (!next) {
        void refreshAlerts();
        return;
      }
      // Rendered as a transition: in a burst (an alert every few milliseconds) React renders the
      // lists between the trooper's keys and clicks instead of ahead of them. The callback runs at
      // once, so `lists.current` is set now and the next event still applies to the newest lists.
      startTransition(() => setLists(next));
    },
    [refreshAlerts, setLists],
  );

  const refresh = useCallback(async () => {
    try {
      const api = tas();
      const asked = { ...events.current };
      const [session, presence, settings] = await Promise.all([
        api.invoke('session:state'),
        api.invoke('link:presence'),
        api.invoke('settings:get'),
      ]);
      setState((s) => ({
        ...s,
        session: events.current.session === asked.session ? session : s.session,
        presence: events.current.presence === asked.presence ? presence : s.presence,
        settings,
        hostError: undefined,
      }));
      if (session.signedIn) {
        const [policy, zones] = await Promise.all([api.invoke('policy:get'), api.invoke('zones:list')]);
        setState((s) => ({ ...s, policy, zones }));
        await refreshAlerts();
      } else {
        setLists({ alerts: [], older: null, locked: [] });
      }
    } catch (err) {
      setState((s) => ({ ...s, hostError: (err as Error).message }));
    }
  }, [refreshAlerts, setLists]);

  useEffect(() => {
    void refresh();
    let api;
    try {
      api = tas();
    } catch (err) {
      setState((s) => ({ ...s, hostError: (err as Error).message }));
      return;
    }
    const offs = [
      api.on('session:state', (session) => {
        events.current.session++;
        setState((s) => ({ ...s, session }));
        void refresh();
      }),
      api.on('link:presence', (presence) => {
        events.current.presence++;
        setState((s) => ({ ...s, presence }));
      }),
      api.on('alerts:alert', (view) => applyAlerts((lists) => upsertAlert(lists, view))),
      api.on('alerts:changed', ({ view }) => {
        if (view) applyAlerts((lists) => replaceAlert(lists, view));
      }),
      api.on('alerts:trimmed', ({ keep, older }) => applyAlerts((lists) => trimAlerts(lists, keep, older))),
      // Zones change on the hub (a dispatcher redraws them); the maps show the current ones.
      api.on('zones:changed', (zones) => setState((s) => ({ ...s, zones }))),
    ];
    return () => offs.forEach((off) => off());
  }, [refresh, applyAlerts]);

  const setSettings = useCallback(async (patch: Partial<Settings>) => {
    // Shown at once (a control must not snap back while the main process saves), then replaced by
    // what the main process actually stored.
    setState((s) => (s.settings ? { ...s, settings: { ...s.settings, ...patch } } : s));
    const r = await tas().invoke('settings:set', patch);
    setState((s) => ({ ...s, settings: r.ok ? r.settings : s.settings }));
    if (!r.ok) void refresh();
  }, [refresh]);

  return { ...state, refresh, setSettings };
}
