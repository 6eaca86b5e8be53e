import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AlertLink, type LinkReceiver } from '../../../src/main/services/alert-link.js';
import { Presence } from '../../../src/main/services/presence.js';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { waitFor } from '../../support/wait.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

class NullReceiver implements LinkReceiver {
  highestSeq(): number {
    return 0;
  }
  async receive(): Promise<void> {}
  hello(): void {}
  ackEntry(): void {}
  policy(): void {}
  zones(): void {}
}

describe('AlertLink without a hub', () => {
  it('goes offline with the reason, retries on a jittered backoff, at once on network-back, and stops cleanly', async () => {
    const clock = new ManualClock();
    const presence = new Presence(clock);
    const idle = new ManualIdleSource(clock);
    const link = new AlertLink(
      { hubUrl: `http://127.0.0.1:${await closedPort()}`, clientId: 'c-1', backoffMinMs: 1000, backoffMaxMs: 8000, random: () => 1 },
      { token: async () => 'token', refreshNow: async () => true },
      new NullReceiver(),
      presence,
      clock,
      idle,
      new RecordingLogger(),
    );
    link.start();
    expect(presence.get().state).toBe('connecting');
    await waitFor(() => presence.get().state === 'offline', 'offline');
    expect(presence.get().lastError).toMatch(/connect failed/);
    expect(clock.pending).toBeGreaterThanOrEqual(1);

    // First retry after 1 s (random() = 1 takes the whole ceiling); the second waits 2 s.
    clock.advance(999);
    expect(presence.get().state).toBe('offline');
    clock.advance(1);
    expect(presence.get().state).toBe('connecting');
    await waitFor(() => presence.get().state === 'offline', 'offline again');

    idle.networkBack();
    expect(presence.get().state).toBe('connecting');
    await waitFor(() => presence.get().state === 'offline', 'offline after the immediate retry');

    clock.advance(30_000);
    expect(presence.get().alarm).toBe(true);
    link.stop();
    expect(presence.get()).toMatchObject({ state: 'signed_out', alarm: false });
  });
});
