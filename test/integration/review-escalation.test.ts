/**
 * Escalation with a moved clock (never slept): an alert nobody verified 10 minutes after its
 * first delivery is recorded once and pushed live to the supervisors and dispatchers of the units
 * it reached, not to other units' supervisors; GET /alerts/:id and GET /escalations show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationRecord } from '../../src/backend/store/review-port.js';
import type { AlertClient } from '../support/alert-client.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { HubTestClock } from '../support/hub-clock.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

const MINUTE = 60_000;

describe('escalation of unverified alerts', () => {
  const clock = new HubTestClock('2026-11-28T03:00:00.000Z');
  let t: TestHub;
  let supToken: string;
  let deskA: AlertClient;
  const heard = new Map<string, EscalationRecord[]>();
  const listen = (name: string, client: AlertClient): AlertClient => {
    heard.set(name, []);
    client.socket.on('escalation', (e: EscalationRecord) => heard.get(name)!.push(e));
    return client;
  };
  let clients: Record<string, AlertClient> = {};
  const unverified = makeHit({ category: 'stolen', plate: 'UNV1234' });
  const verified = makeHit({ category: 'felony' });

  beforeAll(async () => {
    t = await startTestHub({ clock, escalationEveryMs: 0 });
    const troopers = [await t.signedIn(['trooper'], { unit: 'Troop 3' }), await t.signedIn(['trooper'], { unit: 'Troop 3' })];
    const sup3 = await t.signedIn(['supervisor'], { unit: 'Troop 3' });
    const disp3 = await t.signedIn(['dispatcher'], { unit: 'Troop 3' });
    const sup5 = await t.signedIn(['supervisor'], { unit: 'Troop 5' });
    supToken = sup3.token;
    clients = {
      a: t.connect({ token: troopers[0]!.token, clientId: 'desk-a' }),
      b: t.connect({ token: troopers[1]!.token, clientId: 'desk-b' }),
      sup3: listen('sup3', t.connect({ token: sup3.token, clientId: 'sup3', receipts: false })),
      disp3: listen('disp3', t.connect({ token: disp3.token, clientId: 'disp3', receipts: false })),
      sup5: listen('sup5', t.connect({ token: sup5.token, clientId: 'sup5', receipts: false })),
    };
    await Promise.all(Object.values(clients).map((c) => c.ready()));
    deskA = clients.a!;
    for (const hit of [unverified, verified]) expect((await t.postHit(hit)).status).toBe(202);
    await waitFor(async () => (await t.hub.store.receipts.forAlert(unverified.id)).length === 2 && (await t.hub.store.receipts.forAlert(verified.id)).length === 2, 'receipts from both troopers');
    expect((await deskA.sendAck(ackEvent(verified.id, 'acknowledged'))).ok).toBe(true);
    // Acknowledged but not verified: still escalates.
    expect((await deskA.sendAck(ackEvent(unverified.id, 'acknowledged'))).ok).toBe(true);
    clock.advance(5 * MINUTE);
    expect((await deskA.sendAck(ackEvent(verified.id, 'verified', { verification: CONFIRMED }))).ok).toBe(true);
  });
  afterAll(async () => t.close());

  it('does nothing before ten minutes, then escalates the unverified alert once', async () => {
    clock.advance(5 * MINUTE - 1);
    expect(await t.hub.runEscalation()).toEqual([]);
    clock.advance(1);
    const [record, ...more] = await t.hub.runEscalation();
    expect(more).toEqual([]);
    expect(record).toEqual({
      alertId: unverified.id, seq: expect.any(Number), category: 'stolen', plate: 'UNV1234',
      deliveredAt: '2026-11-28T03:00:00.000Z', escalatedAt: '2026-11-28T03:10:00.000Z', units: ['Troop 3'],
    });
    clock.advance(MINUTE);
    expect(await t.hub.runEscalation()).toEqual([]);
  });

  it('pushes it to the supervisors and dispatchers of the units it reached, and to nobody else', async () => {
    const [onSup] = await waitFor(() => heard.get('sup3')!.length > 0 && heard.get('sup3'), 'escalation at the Troop 3 supervisor');
    expect(onSup).toMatchObject({ alertId: unverified.id, units: ['Troop 3'] });
    await waitFor(() => heard.get('disp3')!.length > 0, 'escalation at the Troop 3 dispatcher');
    // A round trip on the Troop 5 supervisor's socket: anything emitted to it before would be here by now.
    expect((await clients.sup5!.sendAck({ not: 'an event' })).ok).toBe(false);
    expect(heard.get('sup5')).toEqual([]);
    expect(heard.get('sup3')).toHaveLength(1);
  });

  it('shows the escalation in the alert trail and in GET /escalations', async () => {
    const trail = await t.api('GET', `/alerts/${unverified.id}`, { token: supToken });
    expect(trail.status).toBe(200);
    expect(trail.body.escalation).toMatchObject({ alertId: unverified.id, escalatedAt: '2026-11-28T03:10:00.000Z' });
    expect((await t.api('GET', `/alerts/${verified.id}`, { token: supToken })).body.escalation).toBeNull();
    const list = await t.api('GET', '/escalations?since=2026-11-28T00:00:00.000Z', { token: supToken });
    expect(list.body.items.map((e: EscalationRecord) => e.alertId)).toEqual([unverified.id]);
    expect((await t.api('GET', '/escalations?since=yesterday', { token: supToken })).status).toBe(400);
  });
});
