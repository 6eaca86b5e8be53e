/**
 * Two hub processes sharing Postgres and no Redis: slower (the catch-up tick), but nothing is
 * missed or doubled, routing changes still cross nodes, and seqs stay unique.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubCluster, SUITE_TIMEOUT_MS, arrivals, settle } from '../support/hub-cluster.js';
import { makeHit } from '../support/hits.js';
import { scaleOutServices } from '../support/services.js';
import { CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

const run = scaleOutServices().ok || process.env.CI === 'true';

describe.skipIf(!run)('scale-out: two hub nodes on Postgres without Redis', () => {
  let cluster: HubCluster | undefined;

  beforeAll(async () => {
    cluster = await HubCluster.start('scale-out without Redis', { withRedis: false });
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => cluster?.stop());

  it('delivers alerts from either node to desks on both, once each, and routes by zones set on the other node', async () => {
    const c = cluster!;
    const user = await c.addUser(['trooper']);
    const onA = c.connect(0, { token: await c.token(0, user), clientId: 'desk-a' });
    const onB = c.connect(1, { token: await c.token(1, user), clientId: 'desk-b' });
    await Promise.all([onA.ready(), onB.ready()]);
    const posted = await Promise.all(Array.from({ length: 20 }, (_, i) => c.postHit(i % 2, makeHit())));
    expect(new Set(posted.map((p) => p.seq)).size).toBe(20);
    await settle(() => [onA, onB].every((d) => posted.every((p) => arrivals(d).has(p.id))), 'all alerts on both desks');
    for (const desk of [onA, onB]) {
      expect(desk.alerts.map((a) => a.seq)).toEqual(posted.map((p) => p.seq).sort((x, y) => x - y));
    }

    const dispatcher = await c.addUser(['dispatcher']);
    const area = box(SPRINGFIELD_POINT.lon - 0.1, SPRINGFIELD_POINT.lat - 0.1, SPRINGFIELD_POINT.lon + 0.1, SPRINGFIELD_POINT.lat + 0.1);
    const put = await c.api(0, 'PUT', '/zones/sgf', { token: await c.token(0, dispatcher), body: zone('sgf', area, { users: [user.id] }) });
    expect(put.status).toBe(200);
    await settle(() => onB.zones.some((list) => list.some((z) => z.id === 'sgf')), 'the zone pushed to the desk on node B');
    const outside = await c.postHit(1, makeHit({ location: CHICAGO_POINT }));
    const inside = await c.postHit(1, makeHit({ location: SPRINGFIELD_POINT }));
    await settle(() => arrivals(onA).has(inside.id) && arrivals(onB).has(inside.id), 'the in-zone alert on both desks');
    expect(arrivals(onA).has(outside.id) || arrivals(onB).has(outside.id)).toBe(false);
  }, SUITE_TIMEOUT_MS);
});

if (!run) console.warn(`[scale-out without Redis] skipped: ${scaleOutServices().reason}`);
