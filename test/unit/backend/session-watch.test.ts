import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/backend/clock.js';
import type { EndedSession, UserRecord } from '../../../src/backend/store/port.js';
import type { OpenSocket } from '../../../src/backend/stream/alert-stream.js';
import { SessionWatch, type WatchedStore, type WatchedStream } from '../../../src/backend/stream/session-watch.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const user = { id: 'u-1', leadsCertifiedUntil: '2028-01-01T00:00:00.000Z', trainingCompletedAt: '2026-06-01T00:00:00.000Z' } as UserRecord;

/** Open sockets, one per session; `endSession` closes them. */
class Sockets implements WatchedStream {
  readonly ended = new Map<string, string>();
  constructor(readonly sessionIds: string[]) {}
  openSockets(): OpenSocket[] {
    return this.sessionIds
      .filter((id) => !this.ended.has(id))
      .map((sessionId) => ({ sessionId, user, tokenExpiresAt: NOW.getTime() + 900_000, end: () => undefined }));
  }
  updateUser(): void {}
  endSession(sessionId: string, reason = 'revoked'): void {
    this.ended.set(sessionId, reason);
  }
}

/** A store where some sessions ended elsewhere; it records what each `ended` question asked. */
class Sessions implements WatchedStore {
  readonly questions: string[][] = [];
  readonly users = { byId: async (): Promise<UserRecord> => user };
  readonly sessions = {
    ended: async (ids: readonly string[]): Promise<EndedSession[]> => {
      this.questions.push([...ids]);
      return ids.filter((id) => this.endedElsewhere.has(id)).map((id) => ({ id, reason: 'disabled' as const }));
    },
  };
  constructor(readonly endedElsewhere: Set<string>) {}
}

const clock: Clock = { now: () => NOW };
const ends = { endUser: async (): Promise<number> => 0 };

describe('SessionWatch', () => {
  it('asks the store about each open session once in three ticks, a third at a time, and ends those ended elsewhere', async () => {
    const ids = Array.from({ length: 300 }, () => randomUUID());
    const endedElsewhere = new Set([ids[0]!, ids[150]!, ids[299]!]);
    const sockets = new Sockets(ids);
    const store = new Sessions(endedElsewhere);
    const watch = new SessionWatch(sockets, store, ends, clock, (err) => { throw err; });
    for (let tick = 0; tick < 3; tick++) await watch.check();
    expect(store.questions).toHaveLength(3);
    const asked = store.questions.flat();
    expect(asked.sort()).toEqual([...ids].sort()); // every session once, none twice
    for (const q of store.questions) expect(q.length).toBeLessThan(200); // about a third each
    expect([...sockets.ended.keys()].sort()).toEqual([...endedElsewhere].sort());
    expect([...sockets.ended.values()]).toEqual(['disabled', 'disabled', 'disabled']);
    // The next round asks about the sessions still open, each once again.
    for (let tick = 0; tick < 3; tick++) await watch.check();
    expect(store.questions.slice(3).flat().sort()).toEqual(ids.filter((id) => !endedElsewhere.has(id)).sort());
  });
});
