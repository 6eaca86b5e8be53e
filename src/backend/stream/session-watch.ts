/**
 * Ends sockets whose right to the stream has gone without a request to notice it (docs/protocol.md
 * 1.1: within 5 seconds). Once a second it ends, with `session_ended`:
 *
 * - a socket whose access token has expired (no `reauth` with a newer one): reason `expired`;
 *   only the socket ends, the session may refresh and reconnect;
 * - the sessions of a user whose LEADS certification or training lapsed (re-read from the store
 *   first: an administrator may have renewed it on another node): `certification_expired`;
 * - sockets whose session was ended where this node did not hear of it (another node without
 *   Redis, `opentas-hub user disable` on the data folder): the reason recorded in the store. The
 *   store is asked about a third of the open sessions at each tick, so about each one every 3 s:
 *   asking about all 2,000 of a busy hub every second held its event loop 3-12 ms each time.
 *
 * The open sockets are listed once per tick, and each user record's certification is parsed once:
 * with 2,000 desks the tick took 1.4 ms of its own (two lists aside), 0.75 ms since.
 *
 * Times come from the hub's Clock, so tests move the clock instead of waiting 15 minutes; only
 * the one-second tick is real time.
 */
import { certified, certifiedUntil } from '../auth/session-desk.js';
import type { SessionEnds } from '../auth/session-ends.js';
import type { Clock } from '../clock.js';
import type { HubStore, UserRecord } from '../store/port.js';
import type { AlertStream, OpenSocket } from './alert-stream.js';

export const WATCH_EVERY_MS = 1000;
/** Ticks over which the store is asked about every open session once. */
const STORE_TURNS = 3;

/** Which tick asks the store about this session: the same one every time. */
function turnOf(sessionId: string): number {
  let sum = 0;
  for (let i = 0; i < sessionId.length; i++) sum += sessionId.charCodeAt(i);
  return sum % STORE_TURNS;
}

/** What the watch reads of the stream and the store (narrowed, so a test can stand in for them). */
export type WatchedStream = Pick<AlertStream, 'openSockets' | 'updateUser' | 'endSession'>;
export interface WatchedStore {
  users: Pick<HubStore['users'], 'byId'>;
  sessions: Pick<HubStore['sessions'], 'ended'>;
}

export class SessionWatch {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private turn = 0;
  private readonly lapses = new WeakMap<UserRecord, number>();

  constructor(
    private readonly stream: WatchedStream,
    private readonly store: WatchedStore,
    private readonly ends: Pick<SessionEnds, 'endUser'>,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(everyMs = WATCH_EVERY_MS): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.check()
        .catch(this.onError)
        .finally(() => {
          this.running = false;
        });
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * When the user's certification lapses, parsed once per user record (a changed account is a new
   * record): two `Date.parse` for each of 2,000 sockets every second were most of the tick.
   */
  private certifiedUntil(user: UserRecord): number {
    let until = this.lapses.get(user);
    if (until === undefined) this.lapses.set(user, (until = certifiedUntil(user)));
    return until;
  }

  async check(): Promise<void> {
    const open = this.stream.openSockets();
    if (open.length === 0) return;
    const now = this.clock.now();
    const lapsedUsers = new Set<string>();
    const expired = (s: OpenSocket): boolean => s.tokenExpiresAt <= now.getTime();
    for (const s of open) {
      if (expired(s)) s.end('expired');
      else if (now.getTime() >= this.certifiedUntil(s.user)) lapsedUsers.add(s.user.id);
    }
    for (const userId of lapsedUsers) {
      const user = await this.store.users.byId(userId);
      if (!user || !certified(user, now)) await this.ends.endUser(userId, 'certification_expired');
      else this.stream.updateUser(user);
    }
    const turn = this.turn;
    this.turn = (this.turn + 1) % STORE_TURNS;
    const asked = new Set<string>();
    for (const s of open) if (!expired(s) && turnOf(s.sessionId) === turn) asked.add(s.sessionId);
    if (asked.size === 0) return;
    for (const e of await this.store.sessions.ended([...asked])) this.stream.endSession(e.id, e.reason);
  }
}
