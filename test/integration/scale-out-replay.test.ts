/**
 * The replay window on a scale-out node (Postgres, resume overlap on): the overlap replays a little
 * before `resumeFrom` but keeps the window's rules: `gap` only when alerts older than the window
 * were missed, never below the window's floor, and a resumeFrom past the head gets the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';

const DAY = 86_400_000;
const services = scaleOutServices(true);
const run = services.ok || process.env.CI === 'true';

describe.skipIf(!run)('scale-out node: replay window with resume overlap', () => {
  let postgres: PostgresCluster | undefined;
  let t: TestHub | undefined;
  let clock: HubTestClock;

  beforeAll(async () => {
    requireServices(services, 'scale-out replay');
    postgres = await PostgresCluster.start(services.pgBin!);
    clock = new HubTestClock('2026-11-01T12:00:00.000Z');
    t = await startTestHub({ clock, retentionEveryMs: 0, databaseUrl: await postgres.createDatabase('replay'), scaleOut: { resumeOverlap: 3 } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await postgres?.stop();
  });

  it('overlaps inside the window only, and says gap only when older alerts were missed', async () => {
    const hub = t!;
    const s1 = (await hub.postHit(makeHit())).body.seq as number;
    const s2 = (await hub.postHit(makeHit())).body.seq as number;
    clock.advance(8 * DAY);
    const fresh = [];
    for (let i = 0; i < 6; i++) fresh.push((await hub.postHit(makeHit())).body as { id: string; seq: number });
    const user = await hub.addUser(['trooper']);
    const token = (await hub.login(user)).accessToken;

    const behind = hub.connect({ token, clientId: 'behind', resumeFrom: s1 - 1 });
    expect((await behind.ready()).gap).toBe(true);
    await behind.alertCount(6);
    expect(behind.alerts.map((a) => a.seq)).toEqual(fresh.map((f) => f.seq));

    // Just before the window: the overlap would reach below the floor; it stops there, no gap.
    const atFloor = hub.connect({ token, clientId: 'floor', resumeFrom: s2 });
    expect((await atFloor.ready()).gap).toBe(false);
    await atFloor.alertCount(6);
    expect(atFloor.alerts.map((a) => a.seq)).toEqual(fresh.map((f) => f.seq));

    // Inside the window: three seqs before resumeFrom come again, then the rest.
    const inside = hub.connect({ token, clientId: 'inside', resumeFrom: fresh[4]!.seq });
    expect((await inside.ready()).gap).toBe(false);
    await inside.alertCount(4);
    expect(inside.alerts.map((a) => a.seq)).toEqual(fresh.slice(2).map((f) => f.seq));

    const ahead = hub.connect({ token, clientId: 'ahead', resumeFrom: fresh[5]!.seq + 1000 });
    expect((await ahead.ready()).gap).toBe(false);
    await ahead.alertCount(6);
    expect(ahead.alerts.map((a) => a.seq)).toEqual(fresh.map((f) => f.seq));
  });
});

if (!run) console.warn(`[scale-out replay] skipped: ${services.reason}`);
