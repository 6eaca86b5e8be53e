/**
 * A worker's record of which desk showed which alert, and when. The driver says which desks an
 * alert is meant for (`expect`); once every one of them has shown it, the tally hands over their
 * times in one message. Arrivals may come before or after the expectation.
 */
export interface TallyDone {
  alertId: string;
  desks: number[];
  times: number[];
}

export class ReceiptTally {
  /** alertId -> desk -> when it was shown, for alerts not yet complete. */
  private readonly times = new Map<string, Map<number, number>>();
  /** alertId -> desks still to show it. */
  private readonly remaining = new Map<string, Set<number>>();
  private readonly shownBy = new Map<number, Set<string>>();
  private readonly complete = new Set<string>();
  duplicatesShown = 0;
  shown = 0;
  /** Shown by a desk the alert was not meant for (before, while or after the others showed it). */
  unexpected = 0;

  constructor(
    private readonly allDesks: readonly number[],
    private readonly onDone: (done: TallyDone) => void,
  ) {}

  shownAt(desk: number, alertId: string, at: number): void {
    let ids = this.shownBy.get(desk);
    if (!ids) this.shownBy.set(desk, (ids = new Set()));
    if (ids.has(alertId)) {
      this.duplicatesShown++;
      return;
    }
    ids.add(alertId);
    this.shown++;
    if (this.complete.has(alertId)) {
      this.unexpected++;
      return;
    }
    let perDesk = this.times.get(alertId);
    if (!perDesk) this.times.set(alertId, (perDesk = new Map()));
    perDesk.set(desk, at);
    const left = this.remaining.get(alertId);
    if (left) {
      // Expected and still open: a desk not among those left never was meant to get it (a desk
      // that was, and showed it already, is a duplicate, counted above).
      if (!left.delete(desk)) {
        perDesk.delete(desk);
        this.unexpected++;
        return;
      }
      this.settle(alertId);
    }
  }

  expect(alertId: string, desks: readonly number[] | null): void {
    const wanted = new Set(desks ?? this.allDesks);
    const before = this.times.get(alertId) ?? new Map<number, number>();
    // Desks that showed it before the expectation arrived count; others were not meant to get it.
    const kept = new Map<number, number>();
    for (const [desk, at] of before) {
      if (wanted.has(desk)) kept.set(desk, at);
      else this.unexpected++;
    }
    this.times.set(alertId, kept);
    this.remaining.set(alertId, new Set([...wanted].filter((d) => !kept.has(d))));
    this.settle(alertId);
  }

  /** Desks that still have not shown an expected alert, per alert. */
  missing(): Map<string, number[]> {
    return new Map([...this.remaining].map(([id, left]) => [id, [...left]]));
  }

  private settle(alertId: string): void {
    const left = this.remaining.get(alertId);
    if (!left || left.size > 0) return;
    const perDesk = this.times.get(alertId) ?? new Map<number, number>();
    this.remaining.delete(alertId);
    this.times.delete(alertId);
    this.complete.add(alertId);
    this.onDone({ alertId, desks: [...perDesk.keys()], times: [...perDesk.values()] });
  }
}
