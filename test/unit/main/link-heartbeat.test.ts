import { describe, expect, it } from 'vitest';
import { LinkHeartbeat } from '../../../src/main/services/link-heartbeat.js';
import { ReceiptLedger } from '../../../src/main/services/receipt-ledger.js';
import { FakeHubSocket } from '../../fakes/fake-hub-sockets.js';
import { ManualClock } from '../../fakes/manual-clock.js';

/** A connection that can send transport pings (a Node WebSocket); the test answers them with `pong()`. */
class PingingSocket extends FakeHubSocket {
  pings = 0;
  private pongListeners: (() => void)[] = [];
  override canPing(): boolean {
    return true;
  }
  override ping(): void {
    this.pings++;
  }
  override onPong(listener: () => void): void {
    this.pongListeners.push(listener);
  }
  pong(): void {
    for (const l of this.pongListeners) l();
  }
}

function rig(options = { intervalMs: 5_000, timeoutMs: 15_000 }) {
  const clock = new ManualClock();
  const socket = new PingingSocket('http://hub.test', { auth: {}, connectTimeoutMs: 1_000 });
  socket.accept();
  const ledger = new ReceiptLedger();
  let dead = 0;
  const heartbeat = new LinkHeartbeat(socket, ledger, clock, options, () => dead++);
  heartbeat.start();
  return { clock, socket, ledger, heartbeat, dead: () => dead };
}

describe('LinkHeartbeat', () => {
  it('on a connection up for a while, confirms a burst of receipts with one ping, within the interval', () => {
    const { clock, socket, ledger, heartbeat } = rig();
    for (let t = 0; t < 30_000; t += 1_000) {
      socket.hubSends('zones', {}); // heard from: the heartbeat does not ping
      clock.advance(1_000);
    }
    expect(socket.pings).toBe(0);
    for (let seq = 1; seq <= 50; seq++) {
      socket.hubSends('alert', {});
      heartbeat.receiptSent(seq);
      clock.advance(10);
    }
    // 500 ms into the burst: nothing pinged yet, every receipt still unconfirmed.
    expect(socket.pings).toBe(0);
    clock.advance(2_500); // 30 s old: a tenth of that, 3 s, after the first receipt
    expect(socket.pings).toBe(1);
    socket.pong();
    for (let t = 0; t < 10_000; t += 1_000) {
      socket.hubSends('zones', {});
      clock.advance(1_000);
    }
    expect(socket.pings).toBe(1);
    ledger.connectionLost();
    expect(ledger.resumePoint(50)).toBe(50);
  });

  it('on a young connection confirms within a tenth of its age, so a link that keeps dropping still moves on', () => {
    const { clock, socket, ledger, heartbeat } = rig();
    heartbeat.receiptSent(1);
    clock.advance(0); // just connected: at once
    expect(socket.pings).toBe(1);
    socket.pong();
    clock.advance(2_000);
    heartbeat.receiptSent(2);
    clock.advance(199);
    expect(socket.pings).toBe(1);
    clock.advance(1); // 2 s old: 200 ms later
    expect(socket.pings).toBe(2);
    socket.pong();
    ledger.connectionLost();
    expect(ledger.resumePoint(2)).toBe(2);
  });

  it('lets the heartbeat\'s own ping confirm receipts sent before it, without a second ping', () => {
    const { clock, socket, ledger, heartbeat } = rig();
    clock.advance(14_600);
    expect(socket.pings).toBe(2);
    heartbeat.receiptSent(7);
    clock.advance(400); // the beat at 15 s pings: it confirms 7
    expect(socket.pings).toBe(3);
    clock.advance(1_500); // the confirmation timer (14.6 s old: 1.46 s) finds nothing left to confirm
    expect(socket.pings).toBe(3);
    for (let i = 0; i < 3; i++) socket.pong(); // pongs answer pings in order: the third confirms 7
    ledger.connectionLost();
    expect(ledger.resumePoint(7)).toBe(7);
  });

  it('does not ping while the hub is heard from within the interval, and pings once it goes quiet', () => {
    const { clock, socket, heartbeat } = rig();
    for (let t = 0; t < 30_000; t += 1_000) {
      socket.hubSends('zones', {}); // anything heard: an alert, Socket.IO's own ping
      clock.advance(1_000);
    }
    expect(socket.pings).toBe(0);
    clock.advance(5_000); // 30 s: the last thing heard was 1 s ago; 35 s: 6 s ago
    expect(socket.pings).toBe(1);
    heartbeat.stop();
  });

  it('declares the connection dead when nothing is heard for timeoutMs, and sends nothing after stop', () => {
    const { clock, socket, heartbeat, dead } = rig();
    clock.advance(15_000);
    expect(dead()).toBe(0);
    clock.advance(5_000);
    expect(dead()).toBe(1);
    const pings = socket.pings;
    heartbeat.receiptSent(3);
    clock.advance(10_000);
    expect(socket.pings).toBe(pings);
  });
});
