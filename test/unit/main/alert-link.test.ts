import { describe, expect, it } from 'vitest';
import { AlertLink, type LinkReceiver } from '../../../src/main/services/alert-link.js';
import { Presence } from '../../../src/main/services/presence.js';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { FakeHubSockets } from '../../fakes/fake-hub-sockets.js';
import { waitFor } from '../../support/wait.js';
import { makeHit } from '../../support/hits.js';
import { DEFAULT_POLICY, type AlertEnvelope } from '../../../src/shared/protocol/index.js';

class NullReceiver implements LinkReceiver {
  highestSeq(): number {
    return 0;
  }
  async receive(_envelope: AlertEnvelope): Promise<void> {}
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
      { hubUrl: 'http://hub.invalid', clientId: 'c-1', backoffMinMs: 1000, backoffMaxMs: 8000, random: () => 1 },
      { token: async () => 'token', refreshNow: async () => true },
      new NullReceiver(),
      presence,
      clock,
      idle,
      new RecordingLogger(),
      new FakeHubSockets({ refuseAll: true }),
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

describe('AlertLink while a hub restarts', () => {
  it('counts refused attempts apart: the first other failure after them backs off from the start, not from 2^refusals', async () => {
    const clock = new ManualClock();
    const presence = new Presence(clock);
    const sockets = new FakeHubSockets();
    const link = new AlertLink(
      { hubUrl: 'http://hub.invalid', clientId: 'c-1', backoffMinMs: 1000, backoffMaxMs: 30_000, random: () => 1 },
      { token: async () => 'token', refreshNow: async () => false },
      new NullReceiver(),
      presence,
      clock,
      new ManualIdleSource(clock),
      new RecordingLogger(),
      sockets,
    );
    link.start();
    // The port refuses five times (the hub is restarting): full jitter up to 1, 2, then 3 s (the refused ceiling).
    for (const [i, wait] of [1000, 2000, 3000, 3000, 3000].entries()) {
      await waitFor(() => sockets.opened.length === i + 1, `attempt ${i + 1}`);
      sockets.opened[i]!.refuse('websocket error', true);
      expect(presence.get().state).toBe('offline');
      clock.advance(wait - 1);
      expect(presence.get().state).toBe('offline');
      clock.advance(1);
      expect(presence.get().state).toBe('connecting');
    }
    // The hub listens now but resets the connection (busy): the backoff starts at its first step (1 s),
    // where counting the refusals too made it 2^5 s, capped at 30 s.
    await waitFor(() => sockets.opened.length === 6, 'attempt 6');
    sockets.opened[5]!.refuse('websocket error', false);
    clock.advance(999);
    expect(presence.get().state).toBe('offline');
    clock.advance(1);
    expect(presence.get().state).toBe('connecting');
    link.stop();
  });
});

/** Stores what it is given when the test says so. */
class GatedReceiver extends NullReceiver {
  readonly stored: number[] = [];
  private release: (() => void) | null = null;
  override receive(envelope: AlertEnvelope): Promise<void> {
    return new Promise((resolve) => {
      this.release = () => {
        this.stored.push(envelope.seq);
        resolve();
      };
    });
  }
  storeNow(): void {
    this.release?.();
  }
}

describe('AlertLink over a connection the test drives', () => {
  it('answers an alert\'s receipt only once it is stored, drops a malformed alert unanswered, and is connected after hello', async () => {
    const clock = new ManualClock();
    const presence = new Presence(clock);
    const sockets = new FakeHubSockets();
    const receiver = new GatedReceiver();
    const logger = new RecordingLogger();
    const link = new AlertLink({ hubUrl: 'http://hub.invalid', clientId: 'c-1' }, { token: async () => 'token-1', refreshNow: async () => true }, receiver, presence, clock, new ManualIdleSource(clock), logger, sockets);
    link.start();
    const socket = await waitFor(() => sockets.opened[0], 'the first connection');
    expect(socket.options.auth).toEqual({ token: 'token-1', clientId: 'c-1' });
    socket.accept();
    socket.hubSends('hello', { serverTime: new Date(clock.now()).toISOString(), headSeq: 0, policy: DEFAULT_POLICY, zones: [], gap: false });
    expect(presence.get().state).toBe('connected');

    const receipts: unknown[] = [];
    socket.hubSends('alert', { seq: 1, alert: { id: 'a-1', hit: makeHit(), ingestedAt: new Date(clock.now()).toISOString() } }, (answer) => receipts.push(answer));
    socket.hubSends('alert', { seq: 2, alert: { id: 'a-2' } }, (answer) => receipts.push(answer));
    await Promise.resolve();
    expect(receipts).toEqual([]);
    receiver.storeNow();
    await waitFor(() => receipts.length === 1, 'the receipt');
    expect(receipts).toEqual([{ received: true }]);
    expect(receiver.stored).toEqual([1]);
    expect(logger.lines.some((l) => l.message === 'link: dropped a malformed alert event')).toBe(true);
    link.stop();
    expect(socket.closed).toBe(true);
  });
});
