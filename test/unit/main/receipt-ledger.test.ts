import { describe, expect, it } from 'vitest';
import { MAX_TRIES, ReceiptLedger } from '../../../src/main/services/receipt-ledger.js';

describe('ReceiptLedger', () => {
  it('resumes from the highest stored seq when every receipt was confirmed by a pong', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptSent(4);
    ledger.receiptSent(5);
    ledger.pingSent();
    ledger.pongReceived();
    ledger.connectionLost();
    expect(ledger.resumePoint(5)).toBe(5);
  });

  it('resumes from below the lowest receipt that may not have arrived', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptSent(4);
    ledger.pingSent();
    ledger.receiptSent(5);
    ledger.pingSent();
    ledger.receiptSent(6);
    ledger.pongReceived(); // confirms 4 only
    ledger.connectionLost();
    expect(ledger.uncertainCount()).toBe(2);
    expect(ledger.resumePoint(6)).toBe(4);
  });

  it('counts an alert stored after its connection died as uncertain', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptNotSent(9);
    expect(ledger.resumePoint(9)).toBe(8);
  });

  it('settles an uncertain seq when its receipt goes again, or when the replay passes it', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptNotSent(3);
    ledger.receiptNotSent(7);
    const from = ledger.resumePoint(10);
    expect(from).toBe(2);
    ledger.connectionStarted(from);
    ledger.alertSeen(3);
    ledger.receiptSent(3); // replayed: tracked again as a normal receipt
    ledger.alertSeen(8); // the replay went past 7 without sending it
    ledger.pingSent();
    ledger.pongReceived();
    expect(ledger.uncertainCount()).toBe(0);
    expect(ledger.resumePoint(10)).toBe(10);
  });
});

describe('ReceiptLedger while a replay is being stored', () => {
  it('keeps an uncertain seq that arrived but is not answered yet when the next one arrives', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptNotSent(3);
    ledger.receiptNotSent(4);
    ledger.connectionStarted(ledger.resumePoint(4));
    ledger.alertSeen(3);
    ledger.alertSeen(4); // 3 was sent, not passed over: its receipt is still to come
    ledger.connectionLost();
    expect(ledger.resumePoint(4)).toBe(2);
  });
});

describe('ReceiptLedger on a link that drops every connection before a pong', () => {
  it('gives a stored alert\'s receipt up after three connections without a pong, and resumes past it', () => {
    const ledger = new ReceiptLedger();
    for (let connection = 1; connection <= MAX_TRIES; connection++) {
      expect(ledger.resumePoint(20)).toBe(connection === 1 ? 20 : 9);
      // The hub replays 10-20: most receipts go out (the ping after them never gets its pong), the
      // last alerts are stored after the cut, too late to answer.
      for (let seq = 10; seq <= 17; seq++) ledger.receiptSent(seq);
      ledger.pingSent();
      ledger.connectionLost();
      for (let seq = 18; seq <= 20; seq++) ledger.receiptNotSent(seq);
      expect(ledger.takeGivenUp()).toEqual(connection < MAX_TRIES ? [] : [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    }
    expect(ledger.uncertainCount()).toBe(0);
    expect(ledger.resumePoint(20)).toBe(20);
    expect(ledger.takeGivenUp()).toEqual([]);
  });

  it('starts counting again for a receipt a pong confirmed, and never gives up an alert not stored', () => {
    const ledger = new ReceiptLedger();
    ledger.receiptSent(5);
    ledger.connectionLost();
    ledger.receiptSent(5);
    ledger.connectionLost(); // twice unconfirmed
    ledger.receiptSent(5);
    ledger.pingSent();
    ledger.pongReceived(); // confirmed: settled, and its count forgotten
    expect(ledger.resumePoint(5)).toBe(5);
    ledger.receiptSent(5);
    ledger.connectionLost();
    expect(ledger.takeGivenUp()).toEqual([]);
    expect(ledger.resumePoint(5)).toBe(4);

    for (let i = 0; i < 2 * MAX_TRIES; i++) ledger.notStored(7);
    expect(ledger.takeGivenUp()).toEqual([]);
    expect(ledger.resumePoint(9)).toBe(4);
  });
});
