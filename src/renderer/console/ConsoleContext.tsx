/**
 * What every console screen may read without props: the mirrored main-process state (useTas), the
 * ticking clock, the signed-in user and this desk's open-alert queue. The shell (ConsoleShell.tsx)
 * provides it, so a screen row in screens.tsx renders from its route params alone.
 */
import { createContext, useContext } from 'react';
import type { AlertView, Settings } from '../../shared/ipc.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import type { SoundName } from '../model/alarm.js';
import type { useTas } from '../state/useTas.js';

export interface ConsoleState {
  tas: ReturnType<typeof useTas>;
  user: PublicUser;
  settings: Settings;
  now: number;
  /** This desk's open alerts, most urgent first (empty for a user who receives none). */
  queue: AlertView[];
  /** True in the Electron popup window (`#popup`): alerts only, Esc closes the window. */
  popupOnly: boolean;
  playOnce: (sound: SoundName) => void;
}

export const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

export function useConsole(): ConsoleState {
  const c = useContext(ConsoleContext);
  if (!c) throw new Error('useConsole outside the console shell');
  return c;
}
