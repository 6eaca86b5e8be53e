import type { Clock } from '../../src/backend/clock.js';

/** A clock that moves only when a test says so (token expiry, lockout windows, retention). */
export class ManualClock implements Clock {
  private t: number;

  constructor(start: Date | string = '2026-11-28T03:00:00.000Z') {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advance(ms: number): void {
    this.t += ms;
  }

  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}
