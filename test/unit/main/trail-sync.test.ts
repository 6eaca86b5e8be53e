import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/main/services/inbox.js';
import { TrailSync } from '../../../src/main/services/trail-sync.js';
import type { AlertEnvelope } from '../../../src/shared/protocol/index.js';
import { ackEntry } from '../../support/acks.js';
import { makeHit } from '../../support/hits.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';
import { waitFor } from '../../support/wait.js';

function envelope(seq: number): AlertEnvelope {
  const hit = makeHit({});
  return { seq, alert: { id: hit.id, hit, ingestedAt: hit.readAt } };
}

describe('TrailSync', () => {
  let dir: string;
  let inbox: Inbox;
  const clock = new ManualClock();

  beforeEach(async () => {
    dir = await tempDir();
    inbox = new Inbox(join(dir, 'inbox.log'), randomBytes(32), clock, new RecordingLogger(), { memoryLimit: 2 });
    await inbox.open();
  });
  afterEach(async () => {
    await inbox.close();
    await removeDir(dir);
  });

  it("reads an accepted entry's trail from the hub for an alert that has left memory, and keeps it on disk", async () => {
    const alerts = [envelope(1), envelope(2), envelope(3), envelope(4)];
    for (const a of alerts) await inbox.store(a);
    const oldest = alerts[0]!.alert.id;
    expect(inbox.get(oldest)).toBeUndefined(); // only the two most recent stay in memory

    const asked: string[] = [];
    const changed: string[] = [];
    const sync = new TrailSync(inbox, async (id) => (asked.push(id), [ackEntry(id, 7)]), (id) => changed.push(id), clock, new RecordingLogger());
    sync.accepted(oldest, 7);
    clock.advance(1000);
    await waitFor(() => changed.length > 0, 'the trail to be fixed');

    expect(asked).toEqual([oldest]);
    const page = await inbox.older(inbox.olderStart()!, 10);
    expect(page.items.find((s) => s.alert.id === oldest)?.trail.map((e) => e.seq)).toEqual([7]);
    clock.advance(60_000);
    expect(asked).toEqual([oldest]); // found: not asked again
    sync.dispose();
  });

  it('forgets an alert this desk never kept, without asking the hub', async () => {
    const asked: string[] = [];
    const sync = new TrailSync(inbox, async (id) => (asked.push(id), []), () => undefined, clock, new RecordingLogger());
    sync.accepted('not-here', 3);
    clock.advance(120_000);
    await Promise.resolve();
    expect(asked).toEqual([]);
    sync.dispose();
  });
});
