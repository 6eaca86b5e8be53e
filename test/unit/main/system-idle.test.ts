import { describe, expect, it } from 'vitest';
import { NETWORK_POLL_MS, SystemIdle } from '../../../src/main/services/system-idle.js';
import { FakePowerMonitor } from '../../fakes/electron-surfaces.js';
import { ManualClock } from '../../fakes/manual-clock.js';

describe('SystemIdle (the OS idle and power signals)', () => {
  it('reads the system idle time', () => {
    const power = new FakePowerMonitor();
    const idle = new SystemIdle(power, new ManualClock());
    power.idle = 420;
    expect(idle.idleSeconds()).toBe(420);
    idle.dispose();
  });

  it('calls idle on screen lock and suspend, resume on resume and unlock, until unsubscribed', () => {
    const power = new FakePowerMonitor();
    const idle = new SystemIdle(power, new ManualClock());
    const seen: string[] = [];
    const offIdle = idle.onIdle(() => seen.push('idle'));
    const offResume = idle.onResume(() => seen.push('resume'));
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('resume');
    power.emit('unlock-screen');
    expect(seen).toEqual(['idle', 'idle', 'resume', 'resume']);
    offIdle();
    offResume();
    power.emit('lock-screen');
    power.emit('resume');
    expect(seen).toHaveLength(4);
    expect(power.listening()).toBe(0);
    idle.dispose();
  });

  it('tells once when the network comes back, polling while it is away, and stops polling when disposed', () => {
    const power = new FakePowerMonitor();
    const clock = new ManualClock();
    const idle = new SystemIdle(power, clock);
    let back = 0;
    idle.onNetworkBack(() => back++);
    clock.advance(NETWORK_POLL_MS * 2);
    expect(back).toBe(0); // online all along: nothing came back
    power.online = false;
    clock.advance(NETWORK_POLL_MS * 3);
    power.online = true;
    clock.advance(NETWORK_POLL_MS);
    expect(back).toBe(1);
    clock.advance(NETWORK_POLL_MS * 5);
    expect(back).toBe(1);
    idle.dispose();
    expect(clock.pending).toBe(0);
    power.online = false;
    clock.advance(NETWORK_POLL_MS);
    power.online = true;
    clock.advance(NETWORK_POLL_MS);
    expect(back).toBe(1);
  });
});
