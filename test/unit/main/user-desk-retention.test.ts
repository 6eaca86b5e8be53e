/**
 * The UserDesk's retention schedule with a hand-moved clock: alerts past retention are dropped
 * when the desk purges at open, and again by the daily run the clock fires, without a sleep.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualIdleSource } from '../../../src/main/adapters/manual-idle-source.js';
import type { DeskListener } from '../../../src/main/services/alert-desk.js';
import { ClientFilter } from '../../../src/main/services/client-filter.js';
import { Presence } from '../../../src/main/services/presence.js';
import { UserDesk } from '../../../src/main/services/user-desk.js';
import { makeHit } from '../../support/hits.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { FakeHubSockets } from '../../fakes/fake-hub-sockets.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';
import { waitFor } from '../../support/wait.js';

const DAY = 86_400_000;
const POLICY = { detectionRetentionDays: 90, retentionDaysByNetwork: {} };

class QuietListener implements DeskListener {
  alert(): void {}
  changed(): void {}
  policy(): void {}
  zones(): void {}
  escalation(): void {}
}

describe('UserDesk: retention at open and daily', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => removeDir(dir));

  it('drops what is due when it purges, then again each day the clock moves on', async () => {
    const clock = new ManualClock('2026-11-30T03:00:00.000Z');
    const logger = new RecordingLogger();
    const desk = new UserDesk({
      dataDir: dir,
      key: randomBytes(32),
      user: { id: 'u-1', username: 'trooper1', displayName: 'Tpr. One', roles: ['trooper'], unit: 'Troop 3' },
      // Never started: the link is not under test here.
      link: { hubUrl: 'http://127.0.0.1:9', clientId: 'c-1' },
      credentials: { token: async () => null, refreshNow: async () => false },
      filter: new ClientFilter(logger),
      presence: new Presence(clock),
      listener: new QuietListener(),
      clock,
      idle: new ManualIdleSource(clock),
      sockets: new FakeHubSockets(),
      logger,
      fetchTrail: async () => [],
    });
    await desk.inbox.open();
    const ids: string[] = [];
    for (const [seq, daysAgo] of [[1, 100], [2, 89.5], [3, 10]] as const) {
      const at = new Date(clock.now() - daysAgo * DAY).toISOString();
      const hit = makeHit({ readAt: at });
      const saved = clock.now();
      clock.set(at);
      await desk.inbox.store({ seq, alert: { id: hit.id, hit, ingestedAt: at } });
      clock.set(saved);
      ids.push(hit.id);
    }

    await desk.purge(POLICY);
    expect(desk.inbox.list().map((a) => a.alert.id).sort()).toEqual([ids[1], ids[2]].sort());
    // A day later the alert read 89.5 days ago is due: the daily run the clock fires drops it.
    clock.advance(DAY);
    await waitFor(() => desk.inbox.list().length === 1, 'the daily run');
    expect(desk.inbox.list().map((a) => a.alert.id)).toEqual([ids[2]]);
    expect(desk.inbox.highestSeq()).toBe(3);
    await desk.close();
  });
});
