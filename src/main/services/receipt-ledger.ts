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
 *
 * On a link that drops every connection after a few dozen kilobytes, the replay of the uncertain
 * alerts alone fills each connection: the alerts arrive, but the connection is gone before they are
 * answered, or before a pong (which comes back behind everything the hub sent before it). Each
 * connection replayed the same alerts and was cut before any newer one, and the desk never saw a new
 * alert again (test/integration/client-random-cuts.test.ts, seed 553316). So an alert stored but
 * left unconfirmed on MAX_TRIES connections is given up on: it is stored, only the hub's receipt is
 * unsure, and the desk resumes past it. An alert that could not be stored is never given up on.
 */
export const MAX_TRIES = 3;

export class ReceiptLedger {
  /** Receipts sent since the last ping. */
  private batch: number[] = [];
  /** Batches sent before a ping whose pong has not come back yet, oldest first. */
  private awaiting: number[][] = [];
  private readonly uncertain = new Set<number>();
  /** Connections each receipt went out on without a pong (only for receipts not yet confirmed). */
  private readonly tries = new Map<number, number>();
  private givenUp: number[] = [];
  /** The highest seq the current connection has delivered (or its resume point). */
  private lastSeen = 0;

  constructor(private readonly maxUncertain = 10_000) {}

  /** A connection resuming from `resumeFrom` is opening: the hub's replay starts after it. */
  connectionStarted(resumeFrom: number): void {
    this.lastSeen = resumeFrom;
  }

  /**
   * An alert arrived. The hub sends in seq order, so an uncertain seq between the previous alert of
   * this connection and this one was passed over: settled. (Not every uncertain seq below this one:
   * those received but not yet stored and answered are still on their way to a receipt.)
   */
  alertSeen(seq: number): void {
    for (const s of this.uncertain) if (s > this.lastSeen && s < seq) this.settle(s);
    this.lastSeen = Math.max(this.lastSeen, seq);
  }

  receiptSent(seq: number): void {
    this.uncertain.delete(seq);
    this.batch.push(seq);
  }

  /** Stored, but its connection was gone before the receipt could be answered. */
  receiptNotSent(seq: number): void {
    this.triedWithoutConfirmation(seq);
  }

  /** Not stored: the hub must send it again, however many connections that takes. */
  notStored(seq: number): void {
    this.tries.delete(seq);
    this.markUncertain(seq);
  }

  /** The receipts given up on since the last call (see MAX_TRIES), lowest first. */
  takeGivenUp(): number[] {
    const out = this.givenUp.sort((a, b) => a - b);
    this.givenUp = [];
    return out;
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
    for (const seq of confirmed ?? []) this.settle(seq);
  }

  /** The connection is gone: what was not confirmed may not have arrived. */
  connectionLost(): void {
    for (const seq of new Set([...this.awaiting.flat(), ...this.batch])) this.triedWithoutConfirmation(seq);
    this.awaiting = [];
    this.batch = [];
  }

  /** Where the next connection resumes from, given the highest seq stored. */
  resumePoint(highestStored: number): number {
    let lowest = Infinity;
    for (const seq of this.uncertain) if (seq < lowest) lowest = seq;
    return lowest === Infinity ? highestStored : Math.min(highestStored, lowest - 1);
  }

  /** One more connection on which the stored alert `seq` went unconfirmed; the last try gives it up. */
  private triedWithoutConfirmation(seq: number): void {
    const tries = (this.tries.get(seq) ?? 0) + 1;
    if (tries < MAX_TRIES) {
      this.tries.set(seq, tries);
      this.markUncertain(seq);
      return;
    }
    this.settle(seq);
    this.givenUp.push(seq);
  }

  /** Nothing more to wait for about `seq`'s receipt. */
  private settle(seq: number): void {
    this.uncertain.delete(seq);
    this.tries.delete(seq);
  }

  private markUncertain(seq: number): void {
    this.uncertain.add(seq);
    // Bounded: past the limit the oldest is forgotten (its alert is stored; only the receipt is unsure).
    if (this.uncertain.size > this.maxUncertain) this.settle(Math.min(...this.uncertain));
  }

  uncertainCount(): number {
    return this.uncertain.size;
  }
}
