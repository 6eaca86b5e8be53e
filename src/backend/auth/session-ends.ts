/**
 * Ending sessions for real (docs/protocol.md 1.1): marks them ended in the store, so every hub node
 * refuses their access and refresh tokens at once, and tells the listeners (this node's sockets,
 * the other nodes over Redis) so open sockets get `session_ended` and close. Nodes that miss the
 * announcement find the ended sessions when they poll the store (see stream/session-watch.ts).
 */
import type { Clock } from '../clock.js';
import type { SessionEndCause, SessionStore } from '../store/port.js';

export type SessionEndListener = (sessionId: string, reason: SessionEndCause) => void;

export class SessionEnds {
  private readonly listeners = new Set<SessionEndListener>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  subscribe(listener: SessionEndListener): void {
    this.listeners.add(listener);
  }

  async endOne(sessionId: string, reason: SessionEndCause): Promise<void> {
    await this.sessions.revokeFamily(sessionId, this.clock.now().toISOString(), reason);
    this.tell([sessionId], reason);
  }

  /** Ends every session of the user (but `exceptId`, the caller's own when changing a password). */
  async endUser(userId: string, reason: SessionEndCause, exceptId?: string): Promise<number> {
    const ids = await this.sessions.endForUser(userId, this.clock.now().toISOString(), reason, exceptId);
    this.tell(ids, reason);
    return ids.length;
  }

  /** Sessions ended elsewhere (another node, the CLI): only the listeners need to hear of them. */
  tell(ids: readonly string[], reason: SessionEndCause): void {
    for (const id of ids) for (const l of this.listeners) l(id, reason);
  }
}
