/**
 * Tells the main process the user is here (keyboard, pointer), at most every 15 s, so the idle
 * lock counts real inactivity in every host (a browser has no system idle time to ask).
 */
import { useEffect } from 'react';
import { tas } from '../api.js';

const EVERY_MS = 15_000;

export function useActivityPing(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const ping = (): void => {
      const t = Date.now();
      if (t - last < EVERY_MS) return;
      last = t;
      void tas()
        .invoke('activity:ping')
        .catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, ping, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, ping));
  }, [active]);
}
