/**
 * Inbox.expire with a hand-moved clock: alerts past the retention of their camera network (both
 * their read and their arrival) are dropped with their trails, on disk and in memory, at start and
 * on a later day's run; the resume point stays.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/main/services/inbox.js';
import { unsealLine } from '../../../src/main/services/sealed-log.js';
import type { AlertEnvelope, Hit } from '../../../src/shared/protocol/index.js';
import { ackEntry } from '../../support/acks.js';
import { makeHit } from '../../support/hits.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';

const DAY = 86_400_000;
const POLICY = { detectionRetentionDays: 90, retentionDaysByNetwork: { flock: 30 } };

describe('Inbox: records past retention', () => {
  let dir: string;
  const key = randomBytes(32);
  let clock: ManualClock;
  const open = async (): Promise<Inbox> => {
    const inbox = new Inbox(join(dir, 'inbox.log'), key, clock, new RecordingLogger());
    await inbox.open();
    return inbox;
  };
  /** An alert read `daysAgo` days before now, received at the same moment. */
  async function store(inbox: Inbox, seq: number, daysAgo: number, network: Hit['camera']['network'] = 'vehiclemanager'): Promise<string> {
    const at = clock.now() - daysAgo * DAY;
    const saved = clock.now();
    clock.set(at);
    const hit = makeHit({ readAt: new Date(at).toISOString(), camera: { id: 'c', name: 'I-55 SB @ Joliet Rd', type: 'stationary', network } });
    const envelope: AlertEnvelope = { seq, alert: { id: hit.id, hit, ingestedAt: hit.readAt } };
    await inbox.store(envelope);
    clock.set(saved);
    return hit.id;
  }
  const ids = (inbox: Inbox): string[] => inbox.list().map((a) => a.alert.id).sort();

  beforeEach(async () => {
    dir = await tempDir();
    clock = new ManualClock('2026-11-30T03:00:00.000Z');
  });
  afterEach(() => removeDir(dir));

  it('drops what is past its network\'s retention, with its trail, on disk and in memory; keeps the resume point', async () => {
    const inbox = await open();
    const old = await store(inbox, 1, 120);
    const oldFlock = await store(inbox, 2, 45, 'flock');
    const fresh = await store(inbox, 3, 45);
    const freshFlock = await store(inbox, 4, 10, 'flock');
    await inbox.addTrail(ackEntry(old, 11));
    await inbox.addTrail(ackEntry(fresh, 12));
    // The newest seq belongs to an alert read long ago that arrived late (today): it stays its full term.
    const lateHit = makeHit({ readAt: new Date(clock.now() - 200 * DAY).toISOString() });
    await inbox.store({ seq: 9, alert: { id: lateHit.id, hit: lateHit, ingestedAt: new Date(clock.now()).toISOString() } });

    expect(await inbox.expire(POLICY)).toBe(2);
    expect(ids(inbox)).toEqual([fresh, freshFlock, lateHit.id].sort());
    expect(inbox.has(old)).toBe(false);
    expect(inbox.get(fresh)?.trail).toHaveLength(1);
    expect(inbox.highestSeq()).toBe(9);
    // Nothing of the dropped alerts is left in the file, not even their trail.
    const text = (await readFile(join(dir, 'inbox.log'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => unsealLine(key, 'inbox', l) ?? '')
      .join('\n');
    for (const id of [old, oldFlock]) expect(text).not.toContain(id);
    // A second run the same day finds nothing to do.
    expect(await inbox.expire(POLICY)).toBe(0);
    await inbox.close();

    const again = await open();
    expect(ids(again)).toEqual([fresh, freshFlock, lateHit.id].sort());
    expect(again.highestSeq()).toBe(9);
    await again.close();
  });

  it('drops on a later day what has come due since, and keeps the resume point when the newest alert goes', async () => {
    const inbox = await open();
    const a = await store(inbox, 1, 80);
    const b = await store(inbox, 7, 85);
    expect(await inbox.expire(POLICY)).toBe(0);
    clock.advance(6 * DAY);
    expect(await inbox.expire(POLICY)).toBe(1);
    expect(ids(inbox)).toEqual([a]);
    expect(inbox.has(b)).toBe(false);
    expect(inbox.highestSeq()).toBe(7);
    clock.advance(10 * DAY);
    expect(await inbox.expire(POLICY)).toBe(1);
    expect(ids(inbox)).toEqual([]);
    await inbox.close();
    // Empty, and still resuming after seq 7: the hub does not replay what was dropped.
    const again = await open();
    expect(again.highestSeq()).toBe(7);
    expect(again.list()).toEqual([]);
    await again.close();
  });
});
