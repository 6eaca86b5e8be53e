import { describe, expect, it } from 'vitest';
import { backoffDelay, refusedDelay } from '../../../src/main/services/alert-link.js';
import { isRefused } from '../../../src/main/adapters/socketio-hub-sockets.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum, with jitter in the upper half', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(50, 500, 30_000, () => 0.5)).toBe(22_500);
    const random = seededRandom(4); // fixed: the same 50 draws on every run
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 500, 30_000, random)));
    expect(spread.size).toBeGreaterThan(40);
    for (const d of spread) expect(d >= 4000 && d <= 8000).toBe(true);
  });
});

describe('refusedDelay', () => {
  it('spreads retries over the whole window (full jitter) with a low ceiling', () => {
    expect(refusedDelay(0, 500, 3000, () => 0)).toBe(0);
    expect(refusedDelay(0, 500, 3000, () => 1)).toBe(500);
    expect(refusedDelay(2, 500, 3000, () => 1)).toBe(2000);
    expect(refusedDelay(50, 500, 3000, () => 1)).toBe(3000);
    expect(refusedDelay(50, 500, 3000, () => 0.5)).toBe(1500);
  });
});

describe('isRefused', () => {
  it('recognises ECONNREFUSED under the WebSocket error and nothing else', () => {
    expect(isRefused({ message: 'websocket error', description: { error: { code: 'ECONNREFUSED' } } })).toBe(true);
    expect(isRefused({ message: 'websocket error', description: { code: 'ECONNREFUSED' } })).toBe(true);
    expect(isRefused({ message: 'timeout' })).toBe(false);
    expect(isRefused({ message: 'websocket error', description: { error: { code: 'ECONNRESET' } } })).toBe(false);
    expect(isRefused(null)).toBe(false);
  });
});
