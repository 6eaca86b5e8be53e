/** Time as a port, so tests can move it (token expiry, lockout windows, retention, replay window). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const iso = (clock: Clock): string => clock.now().toISOString();
