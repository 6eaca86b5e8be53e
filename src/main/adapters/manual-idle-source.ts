/**
 * An IdleSource driven by hand: the browser host (which feeds it the renderer's activity pings)
 * and tests call `touch`, `goIdle`, `resume` and `networkBack` themselves.
 */
import type { Clock, IdleSource } from '../services/ports.js';

export class ManualIdleSource implements IdleSource {
  private lastInput: number;
  private readonly idle = new Set<() => void>();
  private readonly resumed = new Set<() => void>();
  private readonly network = new Set<() => void>();

  constructor(private readonly clock: Clock) {
    this.lastInput = clock.now();
  }

  idleSeconds(): number {
    return (this.clock.now() - this.lastInput) / 1000;
  }

  touch(): void {
    this.lastInput = this.clock.now();
  }

  onIdle(listener: () => void): () => void {
    return subscribe(this.idle, listener);
  }

  onResume(listener: () => void): () => void {
    return subscribe(this.resumed, listener);
  }

  onNetworkBack(listener: () => void): () => void {
    return subscribe(this.network, listener);
  }

  goIdle(): void {
    for (const listener of this.idle) listener();
  }

  resume(): void {
    for (const listener of this.resumed) listener();
  }

  networkBack(): void {
    for (const listener of this.network) listener();
  }
}

function subscribe(set: Set<() => void>, listener: () => void): () => void {
  set.add(listener);
  return () => set.delete(listener);
}
