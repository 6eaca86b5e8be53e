/**
 * The ReceiptLedger: which alert receipts the hub surely got. A receipt answered just before a
 * connection is cut may never arrive, and the hub would then not count the alert as delivered
 * (no trail pushes, no access to its trail, a wrong audit) while the resume point has moved past
 * it. A WebSocket ping sent after a receipt is answered only once everything before it reached
 * the hub, so a pong confirms every receipt sent before its ping. Receipts still unconfirmed when
 * the link drops are "uncertain", and the next connection resumes from just below the lowest of
 * them: the hub replays those alerts, the Inbox drops them as duplicates, the receipts go again.
 * An uncertain seq is settled when its receipt goes again, or when the hub's replay (in seq order)
 * passes it without sending it (it is no longer for this user, or out of the replay window).
 */
export class ReceiptLedger {
  /** Receipts sent since the last ping. */
  private batch: number[] = [];
  /** Batches sent before a ping whose pong has not come back yet, oldest first. */
  private awaiting: number[][] = [];
  private readonly uncertain = new Set<number>();

  constructor(private readonly maxUncertain = 10_000) {}

  /** An alert arrived on a connection that resumed from `resumeFrom`. */
  alertSeen(seq: number, resumeFrom: number): void {
    for (const s of this.uncertain) if (s > resumeFrom && s < seq) this.uncertain.delete(s);
  }

  receiptSent(seq: number): void {
    this.uncertain.delete(seq);
    this.batch.push(seq);
  }

  /** Stored, but its connection was gone before the receipt could be answered. */
  receiptNotSent(seq: number): void {
    this.markUncertain(seq);
  }

  hasUnpinged(): boolean {
    return this.batch.length > 0;
  }

  /** A ping is going out: it will confirm everything sent so far. */
  pingSent(): void {
    this.awaiting.push(this.batch);
    this.batch = [];
  }

  /** A pong came back: the oldest outstanding ping's receipts reached the hub. */
  pongReceived(): void {
    const confirmed = this.awaiting.shift();
    for (const seq of confirmed ?? []) this.uncertain.delete(seq);
  }

  /** The connection is gone: what was not confirmed may not have arrived. */
  connectionLost(): void {
    for (const seq of [...this.awaiting.flat(), ...this.batch]) this.markUncertain(seq);
    this.awaiting = [];
    this.batch = [];
  }

  /** Where the next connection resumes from, given the highest seq stored. */
  resumePoint(highestStored: number): number {
    let lowest = Infinity;
    for (const seq of this.uncertain) if (seq < lowest) lowest = seq;
    return lowest === Infinity ? highestStored : Math.min(highestStored, lowest - 1);
  }

  private markUncertain(seq: number): void {
    this.uncertain.add(seq);
    // Bounded: past the limit the oldest is forgotten (its alert is stored; only the receipt is unsure).
    if (this.uncertain.size > this.maxUncertain) this.uncertain.delete(Math.min(...this.uncertain));
  }

  uncertainCount(): number {
    return this.uncertain.size;
  }
}
