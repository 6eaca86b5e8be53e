/**
 * The OS idle and power signals (IdleSource) from Electron's powerMonitor and net: idle time,
 * screen lock and suspend (lock the console), resume and unlock (reconnect at once), and the
 * network coming back (polled, since Electron's main process has no online event).
 */
import { net, powerMonitor } from 'electron';
import type { IdleSource } from '../services/ports.js';

const NETWORK_POLL_MS = 3000;

export class PowerIdleSource implements IdleSource {
  private readonly network = new Set<() => void>();
  private online = net.isOnline();
  private readonly poll: ReturnType<typeof setInterval>;

  constructor() {
    this.poll = setInterval(() => {
      const now = net.isOnline();
      if (now && !this.online) for (const listener of this.network) listener();
      this.online = now;
    }, NETWORK_POLL_MS);
  }

  idleSeconds(): number {
    return powerMonitor.getSystemIdleTime();
  }

  onIdle(listener: () => void): () => void {
    powerMonitor.on('lock-screen', listener);
    powerMonitor.on('suspend', listener);
    return () => {
      powerMonitor.off('lock-screen', listener);
      powerMonitor.off('suspend', listener);
    };
  }

  onResume(listener: () => void): () => void {
    powerMonitor.on('resume', listener);
    powerMonitor.on('unlock-screen', listener);
    return () => {
      powerMonitor.off('resume', listener);
      powerMonitor.off('unlock-screen', listener);
    };
  }

  onNetworkBack(listener: () => void): () => void {
    this.network.add(listener);
    return () => this.network.delete(listener);
  }

  dispose(): void {
    clearInterval(this.poll);
  }
}
