/**
 * Receipts waiting for their batch write, as both SQL stores keep them (`ReceiptStore.record`). A
 * receipt is held as its row and the caller's `done`, side by side in two arrays: no promise, no
 * closure and no wrapper object per receipt. Each desk sends one receipt per alert and a batch waits
 * up to a second, so with 2,000 desks tens of thousands of them live across the hub's young-generation
 * collections; every object each one carried was copied and promoted by them.
 */
import type { Receipt, ReceiptDone, ReceiptStore } from './port.js';

export class ReceiptBatch {
  readonly receipts: Receipt[] = [];
  private readonly dones: ReceiptDone[] = [];

  get size(): number {
    return this.receipts.length;
  }

  add(receipt: Receipt, done: ReceiptDone): void {
    this.receipts.push(receipt);
    this.dones.push(done);
  }

  /** Consecutive parts of at most `max` receipts (one statement each); none for an empty batch. */
  parts(max: number): ReceiptBatch[] {
    if (this.size === 0) return [];
    if (this.size <= max) return [this];
    const out: ReceiptBatch[] = [];
    for (let i = 0; i < this.size; i += max) {
      const part = new ReceiptBatch();
      for (let j = i; j < Math.min(this.size, i + max); j++) part.add(this.receipts[j]!, this.dones[j]!);
      out.push(part);
    }
    return out;
  }

  /** The whole batch was written. */
  written(): void {
    for (const done of this.dones) done(undefined);
  }

  /**
   * The batch as a whole could not be written. One bad row must not cost the others theirs: each is
   * written alone, and only the one that still fails is told so.
   */
  async oneByOne(write: (receipts: Receipt[]) => Promise<void>): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      try {
        await write([this.receipts[i]!]);
        this.dones[i]!(undefined);
      } catch (err) {
        this.dones[i]!(err ?? new Error('the receipt could not be written'));
      }
    }
  }

  /** `oneByOne` for a store that writes synchronously (SQLite: the rows are written when this returns). */
  oneByOneNow(write: (receipts: Receipt[]) => void): void {
    for (let i = 0; i < this.size; i++) {
      try {
        write([this.receipts[i]!]);
        this.dones[i]!(undefined);
      } catch (err) {
        this.dones[i]!(err ?? new Error('the receipt could not be written'));
      }
    }
  }
}

/** A receipt as a promise: resolved once it is written (for a caller that must wait for it, such as the ack desk). */
export function addReceipt(store: Pick<ReceiptStore, 'record'>, receipt: Receipt): Promise<void> {
  return new Promise((resolve, reject) => store.record(receipt, (err) => (err === undefined ? resolve() : reject(err))));
}
