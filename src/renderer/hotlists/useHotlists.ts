/**
 * The hub's hot lists with their freshness (`hotlists:list`), shared by every part of a window that
 * shows them (the console's strip, the popup): one read on first use, again every few minutes and
 * whenever the link comes back, so a reconnected desk never shows an age from before the outage.
 */
import { useEffect, useState } from 'react';
import type { HotlistSummary } from '../../shared/protocol/read.js';
import type { Presence } from '../../shared/ipc.js';
import { tas } from '../api.js';

/** Lists are downloaded hours apart; five minutes keeps "3 h old" right without loading the hub. */
const REFRESH_MS = 5 * 60_000;

let lists: HotlistSummary[] = [];
const listeners = new Set<(l: HotlistSummary[]) => void>();
let stop: (() => void) | undefined;

async function load(): Promise<void> {
  try {
    const answer = await tas().invoke('hotlists:list');
    if (answer.ok) lists = answer.value.items;
    // Signed out: nothing to show. Any other refusal keeps what was last known, with its age.
    else if (answer.error.code === 'signed_out') lists = [];
    else return;
  } catch {
    return;
  }
  for (const l of listeners) l(lists);
}

function start(): () => void {
  void load();
  const timer = setInterval(() => void load(), REFRESH_MS);
  let was: Presence['state'] | undefined;
  const off = tas().on('link:presence', (p) => {
    if (p.state === 'connected' && was !== 'connected') void load();
    was = p.state;
  });
  return () => {
    clearInterval(timer);
    off();
  };
}

export function useHotlists(): HotlistSummary[] {
  const [value, setValue] = useState(lists);
  useEffect(() => {
    listeners.add(setValue);
    if (listeners.size === 1) stop = start();
    else setValue(lists);
    return () => {
      listeners.delete(setValue);
      if (listeners.size === 0) {
        stop?.();
        stop = undefined;
      }
    };
  }, []);
  return value;
}
