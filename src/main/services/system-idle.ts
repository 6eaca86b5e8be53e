/**
 * The OS idle and power signals (IdleSource), decided here so they are tested without Electron;
 * src/main/platform/power-idle-source.ts only hands over Electron's powerMonitor and net. Screen
 * lock and suspend lock the console; resume and unlock reconnect at once; the network coming back
 * (polled, since Electron's main process has no online event) reconnects too, once per return.
 */
import type { Clock, IdleSource, TimerHandle } from './ports.js';

export type PowerEvent = 'lock-screen' | 'suspend' | 'resume' | 'unlock-screen';

/** Electron's powerMonitor and net as the idle source needs them. */
export interface PowerSignals {
  systemIdleSeconds(): number;
  on(event: PowerEvent, listener: () => void): void;
  off(event: PowerEvent, listener: () => void): void;
  isOnline(): boolean;
}

const IDLE_EVENTS: PowerEvent[] = ['lock-screen', 'suspend'];
const RESUME_EVENTS: PowerEvent[] = ['resume', 'unlock-screen'];
export const NETWORK_POLL_MS = 3000;

export class SystemIdle implements IdleSource {
  private readonly network = new Set<() => void>();
  private online: boolean;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly signals: PowerSignals,
    private readonly clock: Clock,
  ) {
    this.online = signals.isOnline();
    this.schedule();
  }

  idleSeconds(): number {
    return this.signals.systemIdleSeconds();
  }

  onIdle(listener: () => void): () => void {
    return this.listen(IDLE_EVENTS, listener);
  }

  onResume(listener: () => void): () => void {
    return this.listen(RESUME_EVENTS, listener);
  }

  onNetworkBack(listener: () => void): () => void {
    this.network.add(listener);
    return () => this.network.delete(listener);
  }

  dispose(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private listen(events: PowerEvent[], listener: () => void): () => void {
    // One wrapper per subscription, so the same listener given twice is removed one at a time.
    const call = (): void => listener();
    for (const event of events) this.signals.on(event, call);
    return () => {
      for (const event of events) this.signals.off(event, call);
    };
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      const now = this.signals.isOnline();
      const back = now && !this.online;
      this.online = now;
      if (back) for (const listener of [...this.network]) listener();
      if (this.timer) this.schedule();
    }, NETWORK_POLL_MS);
  }
}
