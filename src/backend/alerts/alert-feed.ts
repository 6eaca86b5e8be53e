/**
 * The in-process feed of newly stored alerts. Deliveries read "everything after seq N" from here:
 * recent alerts come from a small in-memory window, older ones from the store, so one code path
 * serves both replay and live delivery and an alert can never be skipped between the two.
 */
import type { AlertStore, StoredAlert } from '../store/port.js';

const WINDOW = 2000;
/** Images may be 512 KiB each, so the window is bounded by size too, not only by count. */
const WINDOW_BYTES = 64 * 1024 * 1024;

const sizeOf = (a: StoredAlert): number => 2048 + (a.alert.hit.images?.plate?.length ?? 0) + (a.alert.hit.images?.vehicle?.length ?? 0);

export class AlertFeed {
  private recent: StoredAlert[] = [];
  private bytes = 0;
  private readonly listeners = new Set<(a: StoredAlert) => void>();

  constructor(private readonly store: AlertStore) {}

  /** Called after the alert is committed to the store, never before. */
  publish(stored: StoredAlert): void {
    const last = this.recent.at(-1);
    // The window only serves reads when it is gap-free; anything else falls back to the store.
    if (last && stored.seq !== last.seq + 1) this.clear();
    this.recent.push(stored);
    this.bytes += sizeOf(stored);
    let drop = 0;
    while (this.recent.length - drop > 1 && (this.recent.length - drop > WINDOW || this.bytes > WINDOW_BYTES)) {
      this.bytes -= sizeOf(this.recent[drop]!);
      drop++;
    }
    if (drop > 0) this.recent.splice(0, drop);
    for (const l of this.listeners) l(stored);
  }

  onAlert(listener: (a: StoredAlert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async after(seq: number, limit: number): Promise<StoredAlert[]> {
    const first = this.recent[0];
    if (first && first.seq <= seq + 1) {
      const start = seq + 1 - first.seq;
      return this.recent.slice(start, start + limit);
    }
    return this.store.after(seq, limit);
  }

  /** Forget cached alerts (after retention dropped images). */
  clear(): void {
    this.recent = [];
    this.bytes = 0;
  }
}
