/** The real Clock: wall time and Node timers. */
import type { Clock, TimerHandle } from '../services/ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    return { id: setTimeout(fn, ms) };
  },
  clearTimeout(handle: TimerHandle) {
    clearTimeout(handle.id as ReturnType<typeof setTimeout>);
  },
};
