/**
 * Resume overlap (docs/architecture.md#delivery-guarantees): with several hub nodes a desk can hold a later
 * seq before an earlier one, so its "highest seq stored" is not a safe place to resume from. This
 * handshake middleware moves `resumeFrom` back by a margin before the stream reads it; the stream
 * then replays the overlap and the client drops what it already has (it keeps alerts by id).
 *
 * It runs before the stream's own handshake middleware and never moves a resume point below the
 * replay window's floor, so a desk that was within the window is not told it missed anything.
 */
import type { Namespace } from 'socket.io';
import type { Clock } from '../../clock.js';
import type { HubStore } from '../../store/port.js';

const DAY_MS = 24 * 3600_000;

/** Seqs replayed before `resumeFrom`: generous against alerts in flight, small against a reconnect storm. */
export const DEFAULT_RESUME_OVERLAP = 200;

export function applyResumeOverlap(nsp: Namespace, store: HubStore, clock: Clock, overlap = DEFAULT_RESUME_OVERLAP): void {
  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const resumeFrom = auth?.resumeFrom;
    // Anything malformed is left exactly as sent: the stream's own validation answers it.
    if (!auth || typeof resumeFrom !== 'number' || !Number.isSafeInteger(resumeFrom) || resumeFrom <= 0 || overlap <= 0) {
      next();
      return;
    }
    windowOf(store, clock).then(
      ({ floor, head }) => {
        // Beyond the head (the hub's data was replaced) or below the floor: the stream's own rules apply.
        if (resumeFrom >= floor && resumeFrom <= head) auth.resumeFrom = Math.max(floor, resumeFrom - overlap);
        next();
      },
      // The store is unreachable: leave resumeFrom alone; the stream will meet the same error.
      () => next(),
    );
  });
}

/** The head seq, and the seq before the first alert still inside the replay window (as the stream computes it). */
async function windowOf(store: HubStore, clock: Clock): Promise<{ floor: number; head: number }> {
  const policy = await store.policy.get();
  const windowStart = new Date(clock.now().getTime() - policy.replayWindowDays * DAY_MS).toISOString();
  const head = await store.alerts.headSeq();
  const first = await store.alerts.firstSeqSince(windowStart);
  return { floor: (first ?? head + 1) - 1, head };
}
