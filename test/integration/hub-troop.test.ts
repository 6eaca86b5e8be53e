/**
 * GET /troop/alerts (an addition for the Troop view) and the `troop` push, against a real hub:
 * what belongs to a Troop (its zones, or delivered to its users), the trail and receipts that come
 * with each alert, no images, the roles (trooper 403), bad queries refused, and a dispatcher told
 * of another desk's acknowledgement on an alert that was never delivered to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckEntry } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import { ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

type Signed = { user: TestUser; token: string };
interface TroopItem {
  seq: number;
  alert: { id: string; hit: Record<string, unknown>; ingestedAt: string };
  trail: AckEntry[];
  receipts: { userId: string; username: string | null; displayName: string | null; unit: string | null; receivedAt: string }[];
}
type TroopPush = { alertId: string; entry: AckEntry };

function listen(desk: AlertClient): TroopPush[] {
  const got: TroopPush[] = [];
  desk.socket.on('troop', (p: TroopPush) => got.push(p));
  return got;
}

describe('the Troop view read and push', () => {
  let t: TestHub;
  let disp3: Signed; // Troop 3, does not take registration alerts: receives nothing of hit `chicago`
  let disp1: Signed; // Troop 1
  let statewide: Signed; // supervisor without a unit: every Troop
  let tpr3: Signed;
  let tpr1: Signed;
  let desks: { disp3: AlertClient; disp1: AlertClient; statewide: AlertClient; tpr3: AlertClient; tpr1: AlertClient };
  let pushes: { disp3: TroopPush[]; disp1: TroopPush[]; statewide: TroopPush[] };
  const image = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
  const chicago = makeHit({ category: 'registration', location: CHICAGO_POINT, plate: 'CHI3001', images: { plate: image } });
  const springfield = makeHit({ category: 'stolen', location: SPRINGFIELD_POINT, plate: 'SPR1001' });
  const elsewhere = makeHit({ category: 'stolen', location: { lat: 37.0, lon: -89.2 }, plate: 'CAI0001' }); // Cairo: no zone

  beforeAll(async () => {
    t = await startTestHub();
    const admin = await t.signedIn(['dispatcher'], { unit: 'HQ' });
    expect((await t.api('PUT', '/zones/troop3-chicago', { token: admin.token, body: zone('troop3-chicago', CHICAGO, { units: ['Troop 3'] }) })).status).toBe(200);
    expect((await t.api('PUT', '/zones/troop1-spfld', { token: admin.token, body: zone('troop1-spfld', box(-89.8, 39.6, -89.4, 40.0), { units: ['Troop 1'] }) })).status).toBe(200);
    disp3 = await t.signedIn(['dispatcher'], { unit: 'Troop 3' });
    expect((await t.api('PUT', '/me/preferences', { token: disp3.token, body: { categories: [] } })).status).toBe(200);
    disp1 = await t.signedIn(['dispatcher'], { unit: 'Troop 1' });
    statewide = await t.signedIn(['supervisor']);
    tpr3 = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    tpr1 = await t.signedIn(['trooper'], { unit: 'Troop 1' });
    desks = {
      disp3: t.connect({ token: disp3.token, clientId: 'disp3' }),
      disp1: t.connect({ token: disp1.token, clientId: 'disp1' }),
      statewide: t.connect({ token: statewide.token, clientId: 'statewide' }),
      tpr3: t.connect({ token: tpr3.token, clientId: 'tpr3' }),
      tpr1: t.connect({ token: tpr1.token, clientId: 'tpr1' }),
    };
    await Promise.all(Object.values(desks).map((d) => d.ready()));
    pushes = { disp3: listen(desks.disp3), disp1: listen(desks.disp1), statewide: listen(desks.statewide) };
    for (const hit of [chicago, springfield, elsewhere]) expect((await t.postHit(hit)).status).toBe(202);
    await waitFor(() => desks.tpr3.alerts.some((a) => a.alert.id === chicago.id) && desks.tpr1.alerts.some((a) => a.alert.id === springfield.id), 'alerts at the troopers');
    await waitFor(async () => (await t.hub.store.receipts.forAlert(chicago.id)).some((r) => r.userId === tpr3.user.id), 'the Troop 3 receipt');
  });
  afterAll(async () => t.close());

  const read = (who: Signed, query = '') => t.api<{ unit: string | null; since: string; items: TroopItem[]; truncated: boolean }>('GET', `/troop/alerts${query}`, { token: who.token });

  it("answers a dispatcher the alerts of their Troop's zones, without images, with receipts' users", async () => {
    const res = await read(disp3);
    expect(res.status).toBe(200);
    expect(res.body.unit).toBe('Troop 3');
    expect(res.body.truncated).toBe(false);
    expect(res.body.items.map((i) => i.alert.id)).toEqual([chicago.id]);
    const item = res.body.items[0]!;
    expect(item.alert.hit).toMatchObject({ plate: 'CHI3001', category: 'registration' });
    expect(item.alert.hit).not.toHaveProperty('images');
    // disp3 did not take registration alerts: the alert is theirs to watch, not theirs to receive.
    expect(item.receipts.map((r) => r.userId)).not.toContain(disp3.user.id);
    expect(item.receipts).toContainEqual({ userId: tpr3.user.id, username: tpr3.user.username, displayName: `Test ${tpr3.user.username}`, unit: 'Troop 3', receivedAt: expect.any(String) });
    expect(item.trail).toEqual([]);
    expect((await read(disp1)).body.items.map((i) => i.alert.id)).toEqual([springfield.id]);
  });

  it('answers a supervisor without a unit every Troop, newest first, and honours since', async () => {
    const all = await read(statewide);
    expect(all.status).toBe(200);
    expect(all.body.unit).toBeNull();
    expect(all.body.items.map((i) => i.alert.id)).toEqual([elsewhere.id, springfield.id, chicago.id]);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await read(statewide, `?since=${encodeURIComponent(later)}`)).body.items).toEqual([]);
    expect((await read(statewide, '?limit=1')).body).toMatchObject({ truncated: true, items: [{ alert: { id: elsewhere.id } }] });
  });

  it('refuses a trooper (403), a stranger (401) and a bad query (400 with issues)', async () => {
    const raw = (who: Signed, query = '') => t.api('GET', `/troop/alerts${query}`, { token: who.token });
    const trooper = await raw(tpr3);
    expect(trooper.status).toBe(403);
    expect(trooper.body.error.code).toBe('forbidden');
    expect((await t.api('GET', '/troop/alerts')).status).toBe(401);
    const bad = await raw(disp3, '?since=yesterday&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['limit', 'since']);
    expect((await read(disp3, '?unit=Troop%201')).status).toBe(400);
  });

  it("pushes another desk's step to the Troop's watchers only, and the read shows it", async () => {
    const ack = ackEvent(chicago.id, 'acknowledged');
    expect(await desks.tpr3.sendAck(ack)).toEqual({ ok: true, entrySeq: expect.any(Number) });
    const toDisp3 = await waitFor(() => pushes.disp3.find((p) => p.entry.eventId === ack.eventId), 'troop push to the Troop 3 dispatcher');
    expect(toDisp3).toMatchObject({ alertId: chicago.id, entry: { type: 'acknowledged', userId: tpr3.user.id, username: tpr3.user.username } });
    await waitFor(() => pushes.statewide.some((p) => p.entry.eventId === ack.eventId), 'troop push to the statewide supervisor');
    // Not delivered to disp3, so the `ack` fan-out does not reach them: the push is what tells them.
    expect(desks.disp3.acks.some((e) => e.eventId === ack.eventId)).toBe(false);

    // A later step in Troop 1 reaches disp1; its socket is ordered, so had Troop 3's step been sent
    // to disp1 it would be there before this one.
    const ack1 = ackEvent(springfield.id, 'acknowledged');
    expect((await desks.tpr1.sendAck(ack1)).ok).toBe(true);
    await waitFor(() => pushes.disp1.some((p) => p.entry.eventId === ack1.eventId), 'troop push to the Troop 1 dispatcher');
    expect(pushes.disp1.map((p) => p.alertId)).toEqual([springfield.id]);

    const item = (await read(disp3)).body.items[0]!;
    expect(item.trail.map((e) => [e.type, e.username])).toEqual([['acknowledged', tpr3.user.username]]);
  });
});
