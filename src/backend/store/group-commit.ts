/**
 * Group commit for the acknowledgement log: appends that arrive while the event loop is busy, or
 * while the previous batch is being committed, are committed together by one `commit` call (one
 * transaction: on Postgres one advisory lock and one round of queries instead of one per append).
 * Each item gets its own answer; a `commit` that throws fails every item of its batch (nothing of
 * it was stored). One batch at a time per store: the chain is appended in order.
 */
export type Settled<O> = { value: O } | { error: unknown };

interface Queued<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<I, O> {
  private queued: Queued<I, O>[] = [];
  private running: Promise<void> | undefined;
  private scheduled = false;

  constructor(private readonly commit: (items: I[]) => Settled<O>[] | Promise<Settled<O>[]>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    // While a batch commits, its loop takes what queued up meanwhile.
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the socket events that arrived in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  /** Resolves once everything submitted so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.running || this.queued.length > 0) await (this.running ?? this.run());
  }

  private run(): Promise<void> {
    this.running ??= (async () => {
      while (this.queued.length > 0) {
        const batch = this.queued;
        this.queued = [];
        let results: Settled<O>[];
        try {
          results = await this.commit(batch.map((q) => q.item));
        } catch (err) {
          for (const q of batch) q.reject(err);
          continue;
        }
        batch.forEach((q, i) => {
          const r = results[i];
          if (r && 'value' in r) q.resolve(r.value);
          else q.reject(r ? r.error : new Error('group commit: no result for this item'));
        });
      }
    })().finally(() => {
      this.running = undefined;
      // Submitted between the loop's last look and now (an answer's continuation appending again).
      if (this.queued.length > 0) this.schedule();
    });
    return this.running;
  }
}
