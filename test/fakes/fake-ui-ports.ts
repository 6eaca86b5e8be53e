/** Hand-written fakes of the UI-facing ports (notifier, tray, popup) and of the idle source. */
import type { AlertNotice, Clock, IdleSource, Notifier, PopupPort, TrayLinkState, TrayPort } from '../../src/main/services/ports.js';

export class FakeNotifier implements Notifier {
  readonly shown: AlertNotice[] = [];
  showAlert(notice: AlertNotice): void {
    this.shown.push(notice);
  }
}

export class FakeTray implements TrayPort {
  readonly states: { link: TrayLinkState; unverified: number }[] = [];
  setState(state: { link: TrayLinkState; unverified: number }): void {
    this.states.push(state);
  }
  current(): { link: TrayLinkState; unverified: number } | undefined {
    return this.states.at(-1);
  }
}

export class FakePopup implements PopupPort {
  readonly shown: string[] = [];
  show(alertId: string): void {
    this.shown.push(alertId);
  }
}

/** The OS signals, raised by the test: `touch`, `goIdle`, `resume`, `networkBack`. */
export class FakeIdleSource implements IdleSource {
  private lastInput: number;
  private readonly listeners = { idle: new Set<() => void>(), resume: new Set<() => void>(), network: new Set<() => void>() };

  constructor(private readonly clock: Clock) {
    this.lastInput = clock.now();
  }

  idleSeconds(): number {
    return (this.clock.now() - this.lastInput) / 1000;
  }
  touch(): void {
    this.lastInput = this.clock.now();
  }
  onIdle(listener: () => void): () => void {
    return this.add('idle', listener);
  }
  onResume(listener: () => void): () => void {
    return this.add('resume', listener);
  }
  onNetworkBack(listener: () => void): () => void {
    return this.add('network', listener);
  }
  goIdle(): void {
    for (const l of this.listeners.idle) l();
  }
  resume(): void {
    for (const l of this.listeners.resume) l();
  }
  networkBack(): void {
    for (const l of this.listeners.network) l();
  }

  private add(kind: keyof FakeIdleSource['listeners'], listener: () => void): () => void {
    this.listeners[kind].add(listener);
    return () => this.listeners[kind].delete(listener);
  }
}
