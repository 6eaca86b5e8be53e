import { describe, expect, it } from 'vitest';
import { chooseAlarm, MANDATORY_FLOOR, QUIET_FACTOR, volumeFor } from '../../../src/renderer/model/alarm.js';
import { alertQueue } from '../../../src/renderer/model/queue.js';
import type { Presence } from '../../../src/shared/ipc.js';
import { view } from './fixtures.js';

const T0 = '2026-11-28T03:00:00.000Z';
const up: Presence = { state: 'connected', since: T0, alarm: false };
const loud = { volume: 0.8, quiet: false };

describe('chooseAlarm', () => {
  it('plays the most urgent unacknowledged alert, AMBER before stolen', () => {
    const q = alertQueue([view('stolen', T0), view('amber', T0)], 'u-me');
    expect(chooseAlarm(q, 'u-me', up, loud)).toMatchObject({ sound: 'urgent', category: 'amber' });
  });

  it('moves on to the next alert once the first is acknowledged, and is silent when all are', () => {
    const amber = view('amber', T0, { trail: [{ type: 'acknowledged' }] });
    const stolen = view('stolen', T0);
    expect(chooseAlarm(alertQueue([amber, stolen], 'u-me'), 'u-me', up, loud)).toMatchObject({ sound: 'vehicle' });
    const both = [amber, view('stolen', T0, { trail: [{ type: 'acknowledged' }] })];
    expect(chooseAlarm(alertQueue(both, 'u-me'), 'u-me', up, loud)).toBeUndefined();
  });

  it('the NOT RECEIVING ALERTS alarm wins once the link has been down past its threshold', () => {
    const q = alertQueue([view('amber', T0)], 'u-me');
    expect(chooseAlarm(q, 'u-me', { state: 'offline', since: T0, alarm: true }, loud)).toMatchObject({ sound: 'link-lost' });
    expect(chooseAlarm([], 'u-me', { state: 'offline', since: T0, alarm: false }, loud)).toBeUndefined();
  });

  it('sounds for alerts that arrive while the console is locked (category only)', () => {
    expect(chooseAlarm([], 'u-me', up, loud, undefined, ['silver'])).toMatchObject({ sound: 'urgent', category: 'silver' });
  });

  it('gives each category group its own pattern', () => {
    const sound = (c: Parameters<typeof view>[0]): string | undefined => chooseAlarm([view(c, T0)], 'u-me', up, loud)?.sound;
    expect(new Set([sound('amber'), sound('felony'), sound('wanted_person'), sound('other')]).size).toBe(4);
    expect(sound('silver')).toBe(sound('amber'));
  });
});

describe('volumeFor', () => {
  it('never mutes a mandatory category, and quiet lowers only the others', () => {
    expect(volumeFor('amber', { volume: 0, quiet: true })).toBe(MANDATORY_FLOOR);
    expect(volumeFor('stolen', { volume: 0.9, quiet: true })).toBe(0.9);
    expect(volumeFor('registration', { volume: 0.8, quiet: true })).toBeCloseTo(0.8 * QUIET_FACTOR);
    expect(volumeFor('registration', { volume: 0.8, quiet: false })).toBe(0.8);
    expect(volumeFor('local', { volume: 0.6, quiet: false }, ['felony', 'stolen', 'amber', 'silver', 'local'])).toBe(0.6);
    expect(volumeFor('local', { volume: 0.1, quiet: true }, ['felony', 'stolen', 'amber', 'silver', 'local'])).toBe(MANDATORY_FLOOR);
  });
});
