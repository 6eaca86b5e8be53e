/**
 * Presence: the link's state for the tray and the UI (connected, connecting, offline since T),
 * and the alarm once the desk has been without a link for 30 seconds: the UI then sounds it and
 * shows "NOT RECEIVING ALERTS". `since` is when the link was lost, not the last retry, so the
 * banner tells how long alerts may have been missed.
 */
import type { Presence as PresenceView } from '../../shared/ipc.js';
import type { Clock, TimerHandle } from './ports.js';

export type LinkState = PresenceView['state'];
export const ALARM_AFTER_MS = 30_000;

export class Presence {
  private view: PresenceView;
  private alarmTimer: TimerHandle | null = null;
  private readonly listeners = new Set<(view: PresenceView) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly alarmAfterMs = ALARM_AFTER_MS,
  ) {
    this.view = { state: 'signed_out', since: this.iso(), alarm: false };
  }

  get(): PresenceView {
    return { ...this.view };
  }

  set(state: LinkState, detail: { lastError?: string; gap?: boolean } = {}): void {
    const before = this.view;
    const down = state === 'connecting' || state === 'offline';
    const wasDown = before.state === 'connecting' || before.state === 'offline';
    const since = down && wasDown ? before.since : before.state === state ? before.since : this.iso();
    // A retry keeps the reason the link went down; a gap reported by hello stays until the next hello.
    const lastError = detail.lastError ?? (down && wasDown ? before.lastError : undefined);
    const gap = detail.gap ?? before.gap;
    const next: PresenceView = {
      state,
      since,
      alarm: down && wasDown ? before.alarm : false,
      ...(lastError !== undefined ? { lastError } : {}),
      ...(gap !== undefined ? { gap } : {}),
    };
    if (down && !wasDown) this.armAlarm();
    if (!down) this.disarmAlarm();
    this.publish(next);
  }

  onChange(listener: (view: PresenceView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disarmAlarm();
  }

  private armAlarm(): void {
    this.disarmAlarm();
    this.alarmTimer = this.clock.setTimeout(() => {
      this.alarmTimer = null;
      if (this.view.state === 'connecting' || this.view.state === 'offline') this.publish({ ...this.view, alarm: true });
    }, this.alarmAfterMs);
  }

  private disarmAlarm(): void {
    if (this.alarmTimer) this.clock.clearTimeout(this.alarmTimer);
    this.alarmTimer = null;
  }

  private publish(next: PresenceView): void {
    const same = JSON.stringify(next) === JSON.stringify(this.view);
    this.view = next;
    if (!same) for (const listener of this.listeners) listener(this.get());
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
