/** ConnectionHistory: one entry per state change, and each connection's round trips as min, median and max. */
import { describe, expect, it } from 'vitest';
import { ConnectionHistory } from '../../../src/main/services/connection-history.js';
import type { Presence } from '../../../src/shared/ipc.js';

const at = (state: Presence['state'], since: string, extra: Partial<Presence> = {}): Presence => ({ state, since, alarm: false, ...extra });

describe('ConnectionHistory', () => {
  it('keeps round trips per connection and summarises them', () => {
    const h = new ConnectionHistory();
    h.roundTrip(5); // before any connection: nowhere to go
    h.record(at('connecting', '2026-11-30T03:00:00Z'));
    h.roundTrip(7); // not connected: dropped
    h.record(at('connected', '2026-11-30T03:00:01Z'));
    for (const ms of [40, 10, 30, 20]) h.roundTrip(ms);
    h.record(at('connected', '2026-11-30T03:00:01Z')); // the same state again: the same entry
    h.roundTrip(-1); // a clock that went back: not a sample
    h.record(at('offline', '2026-11-30T03:05:00Z', { lastError: 'heartbeat lost' }));
    h.record(at('connected', '2026-11-30T03:05:03Z'));
    for (const ms of [9, 3, 6]) h.roundTrip(ms);

    const list = h.list();
    expect(list.map((e) => e.state)).toEqual(['connecting', 'connected', 'offline', 'connected']);
    expect(list[0]).not.toHaveProperty('latencyMs');
    expect(list[1]?.latencyMs).toEqual({ samples: 4, min: 10, median: 25, max: 40 });
    expect(list[2]).toMatchObject({ lastError: 'heartbeat lost' });
    expect(list[2]).not.toHaveProperty('latencyMs');
    expect(list[3]?.latencyMs).toEqual({ samples: 3, min: 3, median: 6, max: 9 });
  });

  it('adds an entry when the alarm goes off while still offline', () => {
    const h = new ConnectionHistory();
    h.record(at('offline', '2026-11-30T03:00:00Z'));
    h.record(at('offline', '2026-11-30T03:00:00Z', { alarm: true }));
    expect(h.list().map((e) => e.alarm)).toEqual([false, true]);
  });
});
