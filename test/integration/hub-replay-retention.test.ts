/**
 * Time-dependent hub behaviour with a moved clock: the replay window and `hello.gap`, and the
 * retention job that drops detection images after the policy's days while keeping the hit's text
 * and the acknowledgement log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHit, seededRandom } from '../../src/backend/simulator/hit-generator.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';

const DAY = 86_400_000;

describe('replay window and gap', () => {
  let t: TestHub;
  let clock: HubTestClock;

  beforeAll(async () => {
    clock = new HubTestClock('2026-11-01T12:00:00.000Z');
    t = await startTestHub({ clock, retentionEveryMs: 0 });
  });
  afterAll(async () => t.close());

  it('replays only inside the window and says when older alerts were missed', async () => {
    const old1 = makeHit();
    const old2 = makeHit();
    const s1 = (await t.postHit(old1)).body.seq as number;
    const s2 = (await t.postHit(old2)).body.seq as number;
    clock.advance(8 * DAY);
    const fresh = makeHit();
    await t.postHit(fresh);
    const user = await t.addUser(['trooper']);
    const token = (await t.login(user)).accessToken;

    const behind = t.connect({ token, clientId: 'behind', resumeFrom: s1 - 1 });
    expect((await behind.ready()).gap).toBe(true);
    await behind.alertCount(1);
    expect(behind.alerts.map((a) => a.alert.id)).toEqual([fresh.id]);

    const upToDate = t.connect({ token, clientId: 'current', resumeFrom: s2 });
    const hello = await upToDate.ready();
    expect(hello.gap).toBe(false);
    expect(hello.headSeq).toBe(s2 + 1);
    await upToDate.alertCount(1);

    // A resumeFrom beyond the head (the hub's data was replaced) gets the whole window again.
    const ahead = t.connect({ token, clientId: 'ahead', resumeFrom: s2 + 1000 });
    expect((await ahead.ready()).gap).toBe(false);
    await ahead.alertCount(1);
    expect(ahead.alerts.map((a) => a.alert.id)).toEqual([fresh.id]);

    const newcomer = t.connect({ token, clientId: 'new' });
    expect((await newcomer.ready()).gap).toBe(false);
    await newcomer.alertCount(1);
    expect(newcomer.alerts.map((a) => a.alert.id)).toEqual([fresh.id]);
  });
});

describe('a long replay', () => {
  it('delivers thousands of alerts with images to a reconnecting desk, in order, with nothing lost', async () => {
    const t = await startTestHub({ retentionEveryMs: 0 });
    try {
      const rnd = seededRandom(99);
      const ids: string[] = [];
      for (let i = 0; i < 1200; i++) {
        const hit = generateHit(rnd, new Date(), i, i % 4 === 0);
        ids.push(hit.id);
        await t.hub.ingest(hit);
      }
      const { token } = await t.signedIn(['trooper']);
      const desk = t.connect({ token, clientId: 'long-replay', resumeFrom: 0 });
      await desk.ready();
      await desk.alertCount(1200);
      expect(desk.alerts.map((a) => a.alert.id)).toEqual(ids);
      expect(desk.alerts.filter((a) => a.alert.hit.images).length).toBe(300);
    } finally {
      await t.close();
    }
  });
});

describe('retention of detection images', () => {
  it('purges images after the policy days, keeps text and the log (job and CLI)', async () => {
    const clock = new HubTestClock('2026-01-01T00:00:00.000Z');
    const t = await startTestHub({ clock, retentionEveryMs: 0 });
    try {
      const hit = generateHit(seededRandom(7), clock.now(), 1, true);
      expect(hit.images?.plate).toBeDefined();
      await t.postHit(hit);
      const { token } = await t.signedIn(['trooper']);
      const desk = t.connect({ token, clientId: 'ret' });
      await desk.ready();
      await desk.alertCount(1);
      expect((await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).ok).toBe(true);
      expect((await desk.sendAck(ackEvent(hit.id, 'verified', { verification: CONFIRMED }))).ok).toBe(true);

      clock.advance(89 * DAY);
      expect((await t.hub.runRetention()).purged).toBe(0);
      clock.advance(2 * DAY);
      const later = makeHit({ images: { plate: hit.images!.plate! } });
      await t.postHit(later);
      expect((await t.hub.runRetention()).purged).toBe(1);

      const kept = await t.hub.store.alerts.byId(hit.id);
      expect(kept?.alert.hit.images).toBeUndefined();
      expect(kept?.alert.hit).toMatchObject({ plate: hit.plate, hotlist: hit.hotlist, camera: hit.camera });
      expect((await t.hub.store.alerts.byId(later.id))?.alert.hit.images?.plate).toBeDefined();
      expect(await t.hub.store.acks.trail(hit.id)).toHaveLength(2);
      await t.stop();

      const cli = await runCli(['retention', 'run', '--data', t.dataDir, '--as-of', new Date(clock.now().getTime() + 91 * DAY).toISOString()]);
      expect(cli.code).toBe(0);
      expect(cli.stdout).toMatch(/purged images of 1 alert/);
      const verify = await runCli(['audit', 'verify', '--data', t.dataDir]);
      expect(verify.code).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('an alert’s images follow its camera network’s retention (FlockOS 30 days), the others the general one', async () => {
    const clock = new HubTestClock('2026-01-01T00:00:00.000Z');
    const t = await startTestHub({ clock, retentionEveryMs: 0 });
    try {
      const admin = (await t.signedIn(['admin'])).token;
      const policy = (await t.api('GET', '/policy', { token: admin })).body;
      expect((await t.api('PUT', '/policy', { token: admin, body: { ...policy, retentionDaysByNetwork: { flock: 30 } } })).status).toBe(200);
      const images = generateHit(seededRandom(11), clock.now(), 1, true).images!;
      const flock = makeHit({ images, camera: { id: 'flock-cam-7', name: 'Dan Ryan NB @ 35th St', type: 'stationary', network: 'flock' } });
      const isp = makeHit({ images });
      await t.postHit(flock);
      await t.postHit(isp);
      clock.advance(29 * DAY);
      expect((await t.hub.runRetention()).purged).toBe(0);
      clock.advance(2 * DAY);
      expect((await t.hub.runRetention()).purged).toBe(1);
      expect((await t.hub.store.alerts.byId(flock.id))?.alert.hit.images).toBeUndefined();
      expect((await t.hub.store.alerts.byId(flock.id))?.alert.hit.plate).toBe(flock.plate);
      expect((await t.hub.store.alerts.byId(isp.id))?.alert.hit.images?.plate).toBeDefined();
      clock.advance(60 * DAY);
      expect((await t.hub.runRetention()).purged).toBe(1);
      expect((await t.hub.store.alerts.byId(isp.id))?.alert.hit.images).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
