import type { Clock } from '../../src/backend/clock.js';

/** The hub's Clock port, moved only when a test says so (token expiry, lockout, retention, replay window). */
export class HubTestClock implements Clock {
  private t: number;

  constructor(start: Date | string = new Date()) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
