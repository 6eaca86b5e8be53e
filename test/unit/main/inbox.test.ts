import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/main/services/inbox.js';
import type { AlertEnvelope } from '../../../src/shared/protocol/index.js';
import { ackEntry } from '../../support/acks.js';
import { makeHit } from '../../support/hits.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

const IMAGE = 'data:image/png;base64,iVBORw0KGgo=';

function envelope(seq: number, readAt = new Date(Date.parse('2026-11-28T02:00:00Z')).toISOString()): AlertEnvelope {
  const hit = makeHit({ readAt, images: { plate: IMAGE } });
  return { seq, alert: { id: hit.id, hit, ingestedAt: readAt } };
}

describe('Inbox', () => {
  let dir: string;
  const key = randomBytes(32);
  const clock = new ManualClock();
  const open = async (memoryLimit?: number) => {
    const inbox = new Inbox(join(dir, 'inbox.log'), key, clock, new RecordingLogger(), memoryLimit ? { memoryLimit } : {});
    await inbox.open();
    return inbox;
  };

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => removeDir(dir));

  it('keeps each alert once by id, and the highest seq, across a restart', async () => {
    const inbox = await open();
    const a = envelope(5);
    expect((await inbox.store(a)).duplicate).toBe(false);
    expect((await inbox.store({ ...a, seq: 9 })).duplicate).toBe(true);
    await inbox.store(envelope(3));
    expect(inbox.highestSeq()).toBe(5);
    await inbox.close();
    const again = await open();
    expect(again.highestSeq()).toBe(5);
    expect(again.list()).toHaveLength(2);
    expect((await again.store(a)).duplicate).toBe(true);
    await again.close();
  });

  it('stores concurrent deliveries of one id once', async () => {
    const inbox = await open();
    const a = envelope(1);
    const results = await Promise.all([inbox.store(a), inbox.store(a), inbox.store(a)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(inbox.list()).toHaveLength(1);
    await inbox.close();
  });

  it('holds only the most recent alerts in memory, but remembers every id', async () => {
    const inbox = await open(3);
    const all = Array.from({ length: 10 }, (_, i) => envelope(i + 1));
    for (const e of all) await inbox.store(e);
    expect(inbox.list().map((s) => s.seq)).toEqual([10, 9, 8]);
    expect((await inbox.store(all[0]!)).duplicate).toBe(true);
    await inbox.close();
    const again = await open(3);
    expect(again.list().map((s) => s.seq)).toEqual([10, 9, 8]);
    await again.close();
  });

  it('keeps hidden alerts for deduplication and the resume point, without showing them', async () => {
    const inbox = await open();
    await inbox.store(envelope(7), true);
    expect(inbox.list()).toHaveLength(0);
    expect(inbox.highestSeq()).toBe(7);
    await inbox.close();
  });

  it('adds trail entries once and keeps them across a restart', async () => {
    const inbox = await open();
    const a = envelope(1);
    await inbox.store(a);
    expect(await inbox.addTrail(ackEntry(a.alert.id, 4))).toBe(true);
    expect(await inbox.addTrail(ackEntry(a.alert.id, 4))).toBe(false);
    expect(await inbox.addTrail(ackEntry('unknown', 5))).toBe(false);
    await inbox.close();
    const again = await open();
    expect(again.get(a.alert.id)?.trail.map((e) => e.seq)).toEqual([4]);
    await again.close();
  });

  it('purges detection images past the retention, on disk and in memory', async () => {
    const inbox = await open();
    const old = envelope(1, new Date(clock.now() - 91 * 86_400_000).toISOString());
    const fresh = envelope(2, new Date(clock.now() - 1 * 86_400_000).toISOString());
    await inbox.store(old);
    await inbox.store(fresh);
    expect(await inbox.purgeImages(90)).toBe(1);
    expect(inbox.get(old.alert.id)?.alert.hit.images).toBeUndefined();
    expect(inbox.get(fresh.alert.id)?.alert.hit.images).toBeDefined();
    await inbox.close();
    const again = await open();
    expect(again.get(old.alert.id)?.alert.hit.images).toBeUndefined();
    expect(again.get(fresh.alert.id)?.alert.hit.images?.plate).toBe(IMAGE);
    await again.close();
  });

  it('shows an alert once even if a crash left two records of it in the log', async () => {
    const inbox = await open();
    const a = envelope(1);
    await inbox.store(a);
    await inbox.close();
    // A second record of the same id, as an older version could have written.
    const { SealedLog } = await import('../../../src/main/services/sealed-log.js');
    const raw = new SealedLog<unknown>(join(dir, 'inbox.log'), key, 'inbox', (r) => r, new RecordingLogger(), clock);
    await raw.open(() => {});
    await raw.append({ t: 'alert', seq: 1, alert: a.alert, receivedAt: new Date(clock.now()).toISOString() });
    await raw.close();
    const again = await open();
    expect(again.list()).toHaveLength(1);
    await again.close();
  });

  it('answers a second delivery of an alert being written only once the first is on disk', async () => {
    const inbox = await open();
    const a = envelope(1);
    const order: string[] = [];
    const first = inbox.store(a).then(() => order.push('first'));
    const second = inbox.store(a).then((r) => order.push(r.duplicate ? 'second-duplicate' : 'second-stored'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second-duplicate']);
    await inbox.close();
  });
  it('reads alerts older than the ones in memory back from disk, a page at a time, with their trails, across a restart', async () => {
    const inbox = await open(3);
    const ids: string[] = [];
    // Arrival order is not seq order (several hub nodes): pages follow arrival, the order the list shows.
    for (const seq of [4, 1, 7, 2, 9, 3, 8, 5]) {
      const e = envelope(seq);
      ids.push(e.alert.id);
      await inbox.store(e);
    }
    await inbox.store(envelope(6), true); // hidden by the client filter: never listed
    await inbox.addTrail(ackEntry(ids[1]!, 11));
    expect(inbox.list().map((s) => s.alert.id)).toEqual(ids.slice(5).reverse());
    expect(inbox.olderStart()).toBe(5);

    const page1 = await inbox.older(5, 2);
    expect(page1.items.map((s) => s.alert.id)).toEqual([ids[4], ids[3]]);
    expect(page1.older).toBe(3);
    const page2 = await inbox.older(3, 2);
    expect(page2.items.map((s) => s.alert.id)).toEqual([ids[2], ids[1]]);
    expect(page2.items[1]!.trail.map((e) => e.seq)).toEqual([11]);
    const last = await inbox.older(1, 2);
    expect(last.items.map((s) => s.alert.id)).toEqual([ids[0]]);
    expect(last.older).toBeNull();

    // A new arrival does not move a page: the same `before` gives the same alerts.
    await inbox.store(envelope(10));
    expect((await inbox.older(5, 2)).items.map((s) => s.alert.id)).toEqual([ids[4], ids[3]]);
    await inbox.close();

    const again = await open(3);
    expect(again.olderStart()).toBe(6);
    const all = await again.older(6, 200);
    expect(all.items.map((s) => s.alert.id)).toEqual(ids.slice(0, 6).reverse());
    expect(all.items.find((s) => s.alert.id === ids[1])!.trail).toHaveLength(1);
  });
});
