/**
 * The supervisor's log reads (additions to docs/protocol.md): GET /acks filtered by unit, step,
 * verification result, plate or case number text and alert, sorted either way and paged by cursor;
 * each page's `context` rows carry the plate, category and unit the table shows, while the items
 * stay the hashed entries; refusals carry the same; CSV export honours the filters and is recorded.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/shared/chain.js';
import type { AlertClient } from '../support/alert-client.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

describe('supervisor log reads', () => {
  let t: TestHub;
  let north: { user: TestUser; token: string };
  let south: { user: TestUser; token: string };
  let sup: { user: TestUser; token: string };
  let deskN: AlertClient;
  let deskS: AlertClient;
  const stolen = makeHit({ category: 'stolen', plate: 'XYZ9876', hotlist: { source: 'NCIC', plate: 'XYZ9876', state: 'IL', reason: 'Stolen vehicle' } });
  const felony = makeHit({ category: 'felony', plate: 'ABC1234' });

  beforeAll(async () => {
    t = await startTestHub();
    north = await t.signedIn(['trooper'], { unit: 'Troop 1' });
    south = await t.signedIn(['trooper'], { unit: 'Troop 9' });
    sup = await t.signedIn(['supervisor']);
    deskN = t.connect({ token: north.token, clientId: 'desk-n' });
    deskS = t.connect({ token: south.token, clientId: 'desk-s' });
    await Promise.all([deskN.ready(), deskS.ready()]);
    for (const hit of [stolen, felony]) expect((await t.postHit(hit)).status).toBe(202);
    await waitFor(() => deskN.alerts.length === 2 && deskS.alerts.length === 2, 'both alerts on both desks');
    const steps: [AlertClient, ReturnType<typeof ackEvent>][] = [
      [deskN, ackEvent(stolen.id, 'acknowledged')],
      [deskN, ackEvent(stolen.id, 'verified', { verification: CONFIRMED })],
      [deskN, ackEvent(stolen.id, 'action_taken', { action: { kind: 'stop', caseNumber: '2026-00777' } })],
      [deskS, ackEvent(felony.id, 'acknowledged')],
      [deskS, ackEvent(felony.id, 'verified', { verification: { ...CONFIRMED, result: 'not_confirmed' } })],
      [deskS, ackEvent(felony.id, 'closed', { close: { reason: 'misread' } })],
    ];
    for (const [desk, ev] of steps) expect((await desk.sendAck(ev)).ok).toBe(true);
    // A refused attempt: action before verification on the felony by the north desk.
    expect((await deskN.sendAck(ackEvent(felony.id, 'action_taken', { action: { kind: 'stop', caseNumber: '1' } }))).ok).toBe(false);
  });
  afterAll(async () => t.close());

  const acks = async (query: string) => {
    const res = await t.api('GET', `/acks?${query}`, { token: sup.token });
    expect(res.status, res.text).toBe(200);
    return res.body as { items: { seq: number; type: string; alertId: string }[]; context: { seq: number; plate: string; category: string; unit: string }[]; nextCursor: string | null };
  };

  it('filters by unit, step, result, alert and text in plate or case number', async () => {
    expect((await acks('unit=Troop%201')).items.map((e) => e.type)).toEqual(['acknowledged', 'verified', 'action_taken']);
    expect((await acks('step=verified')).items.map((e) => e.alertId)).toEqual([stolen.id, felony.id]);
    expect((await acks('result=not_confirmed')).items.map((e) => e.alertId)).toEqual([felony.id]);
    expect((await acks('q=xyz98')).items.map((e) => e.alertId)).toEqual([stolen.id, stolen.id, stolen.id]);
    expect((await acks('q=00777')).items.map((e) => e.type)).toEqual(['action_taken']);
    expect((await acks(`alert=${felony.id}&step=closed`)).items).toHaveLength(1);
    expect((await acks('unit=Troop%201&category=felony')).items).toEqual([]);
    expect((await acks('q=nothing-like-it')).items).toEqual([]);
  });

  it('sorts newest first on request and pages with the cursor in that order', async () => {
    const all = (await acks('order=asc')).items.map((e) => e.seq);
    expect(all).toHaveLength(6);
    const first = await acks('order=desc&limit=4');
    expect(first.items.map((e) => e.seq)).toEqual([...all].reverse().slice(0, 4));
    const second = await acks(`order=desc&limit=4&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.seq)).toEqual([...all].reverse().slice(4));
    expect(second.nextCursor).toBeNull();
  });

  it('gives each item its plate, category and unit alongside, leaving the hashed entry as it was', async () => {
    const page = await acks('order=asc');
    expect(page.context.map((c) => c.seq)).toEqual(page.items.map((e) => e.seq));
    expect(page.context[0]).toEqual({ seq: page.items[0]!.seq, plate: 'XYZ9876', plateState: 'IL', category: 'stolen', unit: 'Troop 1' });
    expect(page.context[3]).toMatchObject({ plate: 'ABC1234', category: 'felony', unit: 'Troop 9' });
    for (const item of page.items as unknown as Record<string, unknown>[]) {
      const { hash, ...rest } = item;
      expect(hash).toBe(createHash('sha256').update(`${String(rest.prevHash)}${canonicalJson(rest)}`).digest('hex'));
    }
  });

  it('lists refusals with the alert plate, category and the user unit, filtered by alert', async () => {
    const res = await t.api('GET', `/acks/refusals?alert=${felony.id}`, { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ alertId: felony.id, userId: north.user.id, plate: 'ABC1234', category: 'felony', unit: 'Troop 1', type: 'action_taken' })]);
    expect((await t.api('GET', `/acks/refusals?alert=${stolen.id}`, { token: sup.token })).body.items).toEqual([]);
  });

  it('exports the filtered log as CSV with plate and unit columns, and records who exported what', async () => {
    const res = await t.api('GET', '/acks/export.csv?unit=Troop%209&order=desc', { token: sup.token });
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]!.endsWith(',plate,plateState,unit')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['closed', 'verified', 'acknowledged']);
    expect(lines.slice(1).every((l) => l.endsWith(',ABC1234,IL,Troop 9'))).toBe(true);
    const events = await t.api('GET', '/audit/events?action=ack_export', { token: sup.token });
    expect(events.body.items.at(-1)).toMatchObject({ username: sup.user.username, detail: { rows: 3, filters: { unit: 'Troop 9', order: 'desc' } } });
  });

  it('refuses bad filters with issues and other roles with 403', async () => {
    for (const q of ['step=approved', 'result=maybe', 'order=sideways', `q=${'x'.repeat(65)}`, 'unit=']) {
      const res = await t.api('GET', `/acks?${q}`, { token: sup.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.issues.length).toBeGreaterThan(0);
    }
    expect((await t.api('GET', '/acks?unit=Troop%201', { token: north.token })).status).toBe(403);
  });
});
