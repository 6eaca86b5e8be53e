/**
 * Graceful stop for acknowledgements (issue 16): when the hub is told to stop (SIGTERM, a rolling
 * restart), events already being recorded are finished and answered before the store closes, and
 * events that arrive after that are left unanswered, not refused: the desk's outbox keeps them and
 * sends them again once it has reconnected (to this hub restarted, or to another node), where
 * `eventId` makes the resend safe. Refusing them instead ("internal") would make the desk record
 * the trooper's step as refused.
 */
import type { AckHandler } from './alert-stream.js';

export class AckDrain {
  private readonly inFlight = new Set<Promise<unknown>>();
  private draining = false;

  /** The handler the socket calls: tracked while open, never answering once draining. */
  wrap(handler: AckHandler): AckHandler {
    return (principal, clientId, event) => {
      if (this.draining) return new Promise<never>(() => {});
      const recording = handler(principal, clientId, event);
      this.inFlight.add(recording);
      const forget = (): void => void this.inFlight.delete(recording);
      recording.then(forget, forget);
      return recording;
    };
  }

  /** Stops taking events and waits (at most `boundMs`) for those in flight; answers how many were left. */
  async drain(boundMs: number): Promise<number> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), bound]);
    clearTimeout(timer);
    return this.inFlight.size;
  }
}
