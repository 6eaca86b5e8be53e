/**
 * Electron's powerMonitor and net as the PowerSignals of SystemIdle (services/system-idle.ts),
 * which decides what locks the console and what reconnects.
 */
import { net, powerMonitor } from 'electron';
import type { PowerSignals } from '../services/system-idle.js';

export const electronPowerSignals: PowerSignals = {
  systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
  // The four events carry no argument this app reads; the listener is called without them.
  on: (event, listener) => void powerMonitor.on(event as 'resume', listener),
  off: (event, listener) => void powerMonitor.off(event as 'resume', listener),
  isOnline: () => net.isOnline(),
};
