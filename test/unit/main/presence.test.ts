import { describe, expect, it } from 'vitest';
import { Presence } from '../../../src/main/services/presence.js';
import type { Presence as PresenceView } from '../../../src/shared/ipc.js';
import { ManualClock } from '../../fakes/manual-clock.js';

describe('Presence', () => {
  it('raises the alarm after 30 s without a link, keeping the time the link was lost', () => {
    const clock = new ManualClock();
    const presence = new Presence(clock);
    const seen: PresenceView[] = [];
    presence.onChange((v) => seen.push(v));
    presence.set('connected');
    clock.advance(1000);
    const lostAt = new Date(clock.now()).toISOString();
    presence.set('offline', { lastError: 'disconnected' });
    clock.advance(10_000);
    presence.set('connecting');
    clock.advance(10_000);
    presence.set('offline');
    expect(presence.get()).toMatchObject({ state: 'offline', since: lostAt, alarm: false, lastError: 'disconnected' });
    clock.advance(10_000);
    expect(presence.get()).toMatchObject({ state: 'offline', since: lostAt, alarm: true });
    expect(seen.filter((v) => v.alarm)).toHaveLength(1);
    presence.set('connected');
    expect(presence.get().alarm).toBe(false);
    expect(presence.get().lastError).toBeUndefined();
    clock.advance(60_000);
    expect(presence.get().alarm).toBe(false);
  });

  it('does not alarm when signed out', () => {
    const clock = new ManualClock();
    const presence = new Presence(clock);
    presence.set('connecting');
    presence.set('signed_out');
    clock.advance(60_000);
    expect(presence.get()).toMatchObject({ state: 'signed_out', alarm: false });
  });
});
