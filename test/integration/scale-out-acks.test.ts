/**
 * The acknowledgement log and routing with two hub processes on one Postgres and one Redis: one
 * hash chain after concurrent acks on both nodes; a resent event answered alike by either node;
 * acks fanned out to desks on the other node; a zone assigned on one node routes on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackEvent } from '../support/acks.js';
import { HubCluster, SUITE_TIMEOUT_MS, arrivals, settle } from '../support/hub-cluster.js';
import { runCli } from '../support/hub.js';
import { makeHit } from '../support/hits.js';
import { scaleOutServices } from '../support/services.js';
import { CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

const run = scaleOutServices().ok || process.env.CI === 'true';

describe.skipIf(!run)('scale-out: acknowledgement log and routing across two hub nodes', () => {
  let cluster: HubCluster | undefined;

  beforeAll(async () => {
    cluster = await HubCluster.start('scale-out acks');
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => cluster?.stop());

  it('keeps one verifiable hash chain after concurrent acks on both nodes', async () => {
    const c = cluster!;
    const [u1, u2] = [await c.addUser(['trooper']), await c.addUser(['trooper'])];
    const onA = c.connect(0, { token: await c.token(0, u1), clientId: 'desk-1' });
    const onB = c.connect(1, { token: await c.token(1, u2), clientId: 'desk-2' });
    await Promise.all([onA.ready(), onB.ready()]);
    const posted = await Promise.all(Array.from({ length: 12 }, (_, i) => c.postHit(i % 2, makeHit())));
    await settle(() => posted.every((p) => arrivals(onA).has(p.id) && arrivals(onB).has(p.id)), 'alerts on both desks');

    const events = posted.map((p) => [ackEvent(p.id, 'acknowledged'), ackEvent(p.id, 'acknowledged')] as const);
    const answers = await Promise.all(events.flatMap(([e1, e2]) => [onA.sendAck(e1), onB.sendAck(e2)]));
    expect(answers.every((a: { ok: boolean }) => a.ok)).toBe(true);
    const entrySeqs = answers.map((a: { entrySeq: number }) => a.entrySeq);
    expect(new Set(entrySeqs).size).toBe(24);

    // The same eventId resent through the other node gets the first answer, and no new entry.
    const resentOnB = await c.connect(1, { token: await c.token(1, u1), clientId: 'desk-1' });
    await resentOnB.ready();
    expect(await resentOnB.sendAck(events[0]![0])).toEqual(answers[0]);

    const supervisor = await c.addUser(['supervisor']);
    for (const node of [0, 1]) {
      const res = await c.api(node, 'GET', '/audit/verify', { token: await c.token(node, supervisor) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, entries: 24 });
    }
    const cli = await runCli(['audit', 'verify', '--data', '/nonexistent-unused'], { DATABASE_URL: c.databaseUrl });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^ok: 24 entries/);

    // Each desk sees the other desk's acks, though they came in on the other node.
    await settle(() => posted.every((p) => onB.acks.some((e) => e.alertId === p.id && e.userId === u1.id)), 'u1 acks on node B');
    await settle(() => posted.every((p) => onA.acks.some((e) => e.alertId === p.id && e.userId === u2.id)), 'u2 acks on node A');
  }, SUITE_TIMEOUT_MS);

  it('routes by a zone assigned on the other node, and pushes the new zones to the desk', async () => {
    const c = cluster!;
    const trooper = await c.addUser(['trooper']);
    const dispatcher = await c.addUser(['dispatcher']);
    const desk = c.connect(1, { token: await c.token(1, trooper), clientId: 'desk-z' });
    await desk.ready();
    const springfield = zone('springfield-z', box(SPRINGFIELD_POINT.lon - 0.1, SPRINGFIELD_POINT.lat - 0.1, SPRINGFIELD_POINT.lon + 0.1, SPRINGFIELD_POINT.lat + 0.1), { users: [trooper.id] });
    const put = await c.api(0, 'PUT', `/zones/${springfield.id}`, { token: await c.token(0, dispatcher), body: springfield });
    expect(put.status).toBe(200);
    await settle(() => desk.zones.some((list) => list.some((z) => z.id === springfield.id)), 'zones pushed to the desk on node B');

    // Ingested on node B itself: node B must route with the zone written through node A.
    const outside = await c.postHit(1, makeHit({ category: 'stolen', location: CHICAGO_POINT }));
    const inside = await c.postHit(1, makeHit({ category: 'stolen', location: SPRINGFIELD_POINT }));
    await settle(() => arrivals(desk).has(inside.id), 'the in-zone alert');
    expect(arrivals(desk).has(outside.id)).toBe(false);
  }, SUITE_TIMEOUT_MS);

  it('ends a session on every node when it is ended on one', async () => {
    const c = cluster!;
    const user = await c.addUser(['trooper']);
    const token = await c.token(0, user);
    const onB = c.connect(1, { token, clientId: 'desk-s' });
    await onB.ready();
    const bye = await c.api(0, 'DELETE', '/session', { token });
    expect(bye.status).toBe(204);
    await settle(() => onB.socket.disconnected, 'the socket on node B closed by the logout on node A');
  }, SUITE_TIMEOUT_MS);
});

if (!run) console.warn(`[scale-out acks] skipped: ${scaleOutServices().reason}`);
