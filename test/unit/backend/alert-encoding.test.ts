import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { alertEnvelope, alertParser } from '../../../src/backend/stream/alert-encoding.js';
import { makeHit } from '../../support/hits.js';

const ours = new alertParser.Encoder();
const theirs = new parser.Encoder();

const alert = () => ({ id: 'a-1', hit: makeHit({ plate: 'ÄBC "1" \\ 23', category: 'amber' }), ingestedAt: '2026-12-01T03:00:00.000Z' });

describe('the alert packet encoder', () => {
  it('makes exactly the string Socket.IO makes, with and without namespace and acknowledgement id', () => {
    const a = alert();
    for (const nsp of ['/alerts', '/']) {
      for (const id of [undefined, 0, 7, 123456]) {
        const packet = { type: parser.PacketType.EVENT, nsp, data: ['alert', alertEnvelope(42, a)], ...(id === undefined ? {} : { id }) };
        expect(ours.encode(packet)).toEqual(theirs.encode({ ...packet, data: ['alert', { seq: 42, alert: a }] }));
      }
    }
  });

  it('serialises an alert once for every desk, and leaves every other packet to Socket.IO', () => {
    const a = alert();
    const first = ours.encode({ type: parser.PacketType.EVENT, nsp: '/alerts', id: 1, data: ['alert', alertEnvelope(1, a)] });
    // The same alert object: its JSON is kept, so a change made after the first encoding would not show.
    // The feed never changes a stored alert; this only shows the JSON is reused.
    (a as { id: string }).id = 'changed';
    const second = ours.encode({ type: parser.PacketType.EVENT, nsp: '/alerts', id: 2, data: ['alert', alertEnvelope(1, a)] });
    expect(second[0]).toBe(String(first[0]).replace(',1[', ',2['));
    // An unmarked payload (the same shape), another event, an ack: Socket.IO's own encoding.
    for (const packet of [
      { type: parser.PacketType.EVENT, nsp: '/alerts', id: 3, data: ['alert', { seq: 1, alert: a }] },
      { type: parser.PacketType.EVENT, nsp: '/alerts', data: ['hello', { headSeq: 3 }] },
      { type: parser.PacketType.ACK, nsp: '/alerts', id: 4, data: [{ ok: true }] },
      { type: parser.PacketType.EVENT, nsp: '/alerts', data: ['blob', Buffer.from('x')] },
    ]) {
      expect(ours.encode(packet)).toEqual(theirs.encode(packet));
    }
  });
});
