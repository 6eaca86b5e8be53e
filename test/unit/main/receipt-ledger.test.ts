import { describe, expect, it } from 'vitest';
import { ReceiptLedger } from '../../../src/main/services/receipt-ledger.js';

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
    ledger.receiptSent(3); // replayed: tracked again as a normal receipt
    ledger.alertSeen(8, from); // the replay went past 7 without sending it
    ledger.pingSent();
    ledger.pongReceived();
    expect(ledger.uncertainCount()).toBe(0);
    expect(ledger.resumePoint(10)).toBe(10);
  });
});
