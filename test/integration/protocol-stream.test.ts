/**
 * docs/protocol.md conformance, the Socket.IO stream: `hello` fields agree with the HTTP API, times
 * carry a zone, a receipt is recorded only once the client answers, the same `eventId` answers the
 * FIRST result even after the trail has moved on (and from another connection), `ack` reaches
 * every user the alert was delivered to and nobody else, and `zones`/`policy` are pushed again on
 * every change (update, unassignment, deletion).
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/shared/protocol/index.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, box, zone } from '../support/zones.js';

type Signed = { user: TestUser; token: string };
const WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

describe('docs/protocol.md stream', () => {
  let t: TestHub;
  let disp: Signed;
  let admin: Signed;

  beforeAll(async () => {
    t = await startTestHub();
    disp = await t.signedIn(['dispatcher']);
    admin = await t.signedIn(['admin']);
  });
  afterAll(async () => t.close());

  it('hello carries serverTime (with a zone), headSeq, the policy and the zones the HTTP API serves, and gap', async () => {
    const me = await t.signedIn(['trooper'], { unit: 'Troop 4' });
    await t.api('PUT', '/zones/t4', { token: disp.token, body: zone('t4', CHICAGO, { units: ['Troop 4'] }) });
    await t.api('PUT', '/zones/not-mine', { token: disp.token, body: zone('not-mine', box(-90, 39, -89, 40), { units: ['Troop 1'] }) });
    const posted = await t.postHit(makeHit());
    const desk = t.connect({ token: me.token, clientId: 'hello-desk', resumeFrom: posted.body.seq });
    const hello = await desk.ready();
    expect(Object.keys(hello)).toEqual(expect.arrayContaining(['serverTime', 'headSeq', 'policy', 'zones', 'gap']));
    expect(hello.serverTime).toMatch(WITH_ZONE);
    expect(Math.abs(Date.parse(hello.serverTime) - Date.now())).toBeLessThan(3_600_000);
    expect(hello.headSeq).toBe(posted.body.seq);
    expect(hello.gap).toBe(false);
    expect(hello.policy).toEqual((await t.api('GET', '/policy', { token: me.token })).body);
    expect(hello.zones).toEqual((await t.api('GET', '/zones', { token: me.token })).body);
    expect(hello.zones.map((z) => z.id)).toEqual(['t4']);
    expect(hello.zones[0]).toMatchObject({ updatedBy: disp.user.id, updatedAt: expect.stringMatching(WITH_ZONE) });
  });

  it('emits hello before any replayed alert, then replays in seq order', async () => {
    const me = await t.signedIn(['trooper']);
    const head = await t.hub.store.alerts.headSeq();
    for (let i = 0; i < 3; i++) await t.postHit(makeHit({ category: 'silver' }));
    const order: { event: string; seq?: number }[] = [];
    const socket = io(`${t.url}/alerts`, { transports: ['websocket'], auth: { token: me.token, clientId: 'order-desk', resumeFrom: head }, reconnection: false, forceNew: true });
    try {
      socket.onAny((event: string, payload: { seq?: number }, cb?: (x: unknown) => void) => {
        order.push({ event, ...(event === 'alert' ? { seq: payload.seq } : {}) });
        if (event === 'alert') cb?.({ received: true });
      });
      await waitFor(() => order.filter((e) => e.event === 'alert').length >= 3, 'three replayed alerts');
      expect(order[0]!.event).toBe('hello');
      const seqs = order.filter((e) => e.event === 'alert').map((e) => e.seq!);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(seqs.every((s) => s > head)).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('refuses a handshake whose token is no access token with connect_error unauthorized', async () => {
    const me = await t.signedIn(['trooper']);
    for (const token of [me.tokens.refreshToken, t.ingestKey, `${me.token}x`]) {
      expect(await t.connect({ token, clientId: 'wrong-token' }).refused()).toBe('unauthorized');
    }
    const before = (await t.api('GET', '/health')).body.clients as number;
    const desk = t.connect({ token: me.token, clientId: 'counted' });
    await desk.ready();
    // /health counts connected desks.
    expect((await t.api('GET', '/health')).body.clients).toBeGreaterThan(before);
  });

  it('emits alert {seq, alert: {id, hit, ingestedAt}} and records the receipt only when the client answers', async () => {
    const quiet = await t.signedIn(['trooper']);
    const answering = await t.signedIn(['trooper']);
    const silent = t.connect({ token: quiet.token, clientId: 'silent-desk', receipts: false });
    const loud = t.connect({ token: answering.token, clientId: 'loud-desk' });
    await silent.ready();
    await loud.ready();
    const hit = makeHit({ category: 'amber' });
    const seq = (await t.postHit(hit)).body.seq as number;
    const onSilent = await waitFor(() => silent.alerts.find((a) => a.alert.id === hit.id), 'the alert on the silent desk');
    expect(Object.keys(onSilent).sort()).toEqual(['alert', 'seq']);
    expect(Object.keys(onSilent.alert).sort()).toEqual(['hit', 'id', 'ingestedAt']);
    expect(onSilent).toEqual({ seq, alert: { id: hit.id, hit, ingestedAt: expect.stringMatching(WITH_ZONE) } });
    const receipts = await waitFor(async () => {
      const r = await t.hub.store.receipts.forAlert(hit.id);
      return r.some((x) => x.clientId === 'loud-desk') && r;
    }, 'the answering desk’s receipt');
    expect(receipts.find((r) => r.clientId === 'loud-desk')).toMatchObject({ userId: answering.user.id, receivedAt: expect.stringMatching(WITH_ZONE) });
    expect(receipts.some((r) => r.clientId === 'silent-desk')).toBe(false);
  });

  it('answers a repeated eventId with the FIRST result, even after the trail moved on, from any connection', async () => {
    const me = await t.signedIn(['trooper']);
    const desk = t.connect({ token: me.token, clientId: 'idem-1' });
    await desk.ready();
    const hit = makeHit({ category: 'felony' });
    await t.postHit(hit);
    await waitFor(() => desk.alerts.some((a) => a.alert.id === hit.id), 'the alert');

    // A refusal first: once the state would allow the event, the resend still answers the refusal.
    const early = ackEvent(hit.id, 'verified', { verification: CONFIRMED });
    const refused = await desk.sendAck(early);
    expect(refused).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    const ack = ackEvent(hit.id, 'acknowledged');
    const accepted = await desk.sendAck(ack);
    expect(accepted).toEqual({ ok: true, entrySeq: expect.any(Number) });
    expect(await desk.sendAck(early)).toEqual(refused);

    // A success first: once the state would refuse it (already acknowledged, then closed), the resend still answers the success.
    expect(await desk.sendAck(ack)).toEqual(accepted);
    expect((await desk.sendAck(ackEvent(hit.id, 'closed', { close: { reason: 'misread' } }))).ok).toBe(true);
    expect(await desk.sendAck(ack)).toEqual(accepted);

    // From a new connection of the same user (the outbox resends after a restart).
    const again = t.connect({ token: (await t.login(me.user)).accessToken, clientId: 'idem-2' });
    await again.ready();
    expect(await again.sendAck(ack)).toEqual(accepted);
    expect(await again.sendAck(early)).toEqual(refused);
    const trail = (await t.hub.store.acks.trail(hit.id)).filter((e) => e.eventId === ack.eventId);
    expect(trail).toHaveLength(1);
    expect(trail[0]!.seq).toBe(accepted.entrySeq);
  });

  it('emits ack AckEntry to every user the alert was delivered to, and to nobody else', async () => {
    const a = await t.signedIn(['trooper']);
    const b = await t.signedIn(['dispatcher']);
    const c = await t.signedIn(['trooper']);
    expect((await t.api('PUT', '/me/preferences', { token: c.token, body: { categories: [] } })).status).toBe(200);
    const deskA = t.connect({ token: a.token, clientId: 'fan-a' });
    const deskA2 = t.connect({ token: (await t.login(a.user)).accessToken, clientId: 'fan-a2' });
    const deskB = t.connect({ token: b.token, clientId: 'fan-b' });
    const deskC = t.connect({ token: c.token, clientId: 'fan-c' });
    for (const d of [deskA, deskA2, deskB, deskC]) await d.ready();
    const notForC = makeHit({ category: 'registration' });
    const forAll = makeHit({ category: 'stolen' });
    await t.postHit(notForC);
    await t.postHit(forAll);
    await waitFor(() => [deskA, deskA2, deskB, deskC].every((d) => d.alerts.some((x) => x.alert.id === forAll.id)), 'the second alert everywhere');
    expect(deskC.alerts.some((x) => x.alert.id === notForC.id)).toBe(false);

    const first = ackEvent(notForC.id, 'acknowledged');
    const answer = await deskA.sendAck(first);
    expect(answer.ok).toBe(true);
    for (const d of [deskA, deskA2, deskB]) await waitFor(() => d.acks.find((e) => e.eventId === first.eventId), `the ack on ${d.socket.id}`);
    const entry = deskB.acks.find((e) => e.eventId === first.eventId)!;
    expect(entry).toEqual({ ...first, seq: answer.entrySeq, userId: a.user.id, username: a.user.username, clientId: 'fan-a', serverAt: expect.stringMatching(WITH_ZONE), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Events on one socket arrive in order: once C has the second ack, it would already have had the first.
    // Nothing orders two sockets, though: C having the second ack says nothing about A, so A is waited for.
    const second = ackEvent(forAll.id, 'acknowledged');
    expect((await deskB.sendAck(second)).ok).toBe(true);
    await waitFor(() => deskC.acks.some((e) => e.eventId === second.eventId), 'the second ack on C');
    expect(deskC.acks.some((e) => e.eventId === first.eventId)).toBe(false);
    for (const d of [deskA, deskA2]) {
      expect(await waitFor(() => d.acks.find((e) => e.eventId === second.eventId), `the second ack on ${d.socket.id}`)).toMatchObject({ userId: b.user.id, clientId: 'fan-b' });
    }
  });

  it('pushes zones again on update, unassignment and deletion, as GET /zones serves them', async () => {
    const me = await t.signedIn(['trooper'], { unit: 'Troop 6' });
    const desk = t.connect({ token: me.token, clientId: 'zones-push' });
    await desk.ready();
    const z = zone('t6', box(-88.5, 41.5, -88.0, 42.0), { units: ['Troop 6'] });
    const pushes = async (n: number) => waitFor(() => desk.zones.length >= n && desk.zones, `${n} zones push(es)`);
    expect((await t.api('PUT', '/zones/t6', { token: disp.token, body: z })).status).toBe(200);
    expect((await pushes(1))[0]!.map((x) => x.id)).toEqual(['t6']);
    expect((await t.api('PUT', '/zones/t6', { token: disp.token, body: { ...z, name: 'Troop 6 renamed' } })).status).toBe(200);
    const renamed = (await pushes(2))[1]!;
    expect(renamed).toEqual((await t.api('GET', '/zones', { token: me.token })).body);
    expect(renamed[0]!.name).toBe('Troop 6 renamed');
    expect((await t.api('PUT', '/zones/t6-b', { token: disp.token, body: zone('t6-b', box(-89, 41, -88.6, 41.4), { users: [me.user.id] }) })).status).toBe(200);
    expect((await pushes(3))[2]!.map((x) => x.id).sort()).toEqual(['t6', 't6-b']);
    expect((await t.api('PUT', '/zones/t6', { token: disp.token, body: { ...z, assignees: { users: [], units: ['Troop 1'] } } })).status).toBe(200);
    expect((await pushes(4))[3]!.map((x) => x.id)).toEqual(['t6-b']);
    expect((await t.api('DELETE', '/zones/t6-b', { token: disp.token })).status).toBe(200);
    expect((await pushes(5))[4]).toEqual([]);
  });

  it('pushes the policy again whenever an admin changes it, as GET /policy serves it', async () => {
    const me = await t.signedIn(['trooper']);
    const desk = t.connect({ token: me.token, clientId: 'policy-push' });
    await desk.ready();
    const first = { ...DEFAULT_POLICY, idleLockMinutes: 10 };
    const put1 = await t.api('PUT', '/policy', { token: admin.token, body: first });
    expect(put1.status).toBe(200);
    expect(put1.body).toEqual(first);
    expect(await waitFor(() => desk.policies[0], 'the first push')).toEqual((await t.api('GET', '/policy', { token: me.token })).body);
    const put2 = await t.api('PUT', '/policy', { token: admin.token, body: { ...first, detectionRetentionDays: 30 } });
    expect(put2.status).toBe(200);
    expect(await waitFor(() => desk.policies[1], 'the second push')).toEqual({ ...first, detectionRetentionDays: 30 });
  });
});
