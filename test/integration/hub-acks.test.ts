/**
 * The acknowledgement log over real sockets: the order rules whatever the client sends, eventId
 * idempotency, refusals recorded, fan-out to every desk the alert reached, the supervisor queries
 * and CSV export, and GET /alerts/:id with trail and receipts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertClient } from '../support/alert-client.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

describe('acknowledgement log', () => {
  let t: TestHub;
  let a: { user: TestUser; token: string };
  let b: { user: TestUser; token: string };
  let sup: { user: TestUser; token: string };
  let deskA: AlertClient;
  let deskB: AlertClient;
  const hit = makeHit({ category: 'felony' });

  beforeAll(async () => {
    t = await startTestHub();
    a = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    b = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    sup = await t.signedIn(['supervisor']);
    deskA = t.connect({ token: a.token, clientId: 'desk-a' });
    deskB = t.connect({ token: b.token, clientId: 'desk-b' });
    await deskA.ready();
    await deskB.ready();
    expect((await t.postHit(hit)).status).toBe(202);
    await waitFor(() => deskA.alerts.length === 1 && deskB.alerts.length === 1, 'alert on both desks');
    await waitFor(async () => (await t.hub.store.receipts.forAlert(hit.id)).length === 2, 'both receipts');
  });
  afterAll(async () => t.close());

  it('refuses verified before acknowledged, and records the refusal', async () => {
    const ev = ackEvent(hit.id, 'verified', { verification: CONFIRMED });
    const answer = await deskA.sendAck(ev);
    expect(answer).toEqual({ ok: false, error: { code: 'not_acknowledged', message: expect.any(String) } });
    const refusals = await t.api('GET', `/acks/refusals?user=${a.user.username}`, { token: sup.token });
    expect(refusals.status).toBe(200);
    expect(refusals.body.items).toContainEqual(expect.objectContaining({ eventId: ev.eventId, type: 'verified', error: expect.objectContaining({ code: 'not_acknowledged' }) }));
    expect(await deskA.sendAck(ev)).toEqual(answer);
  });

  it('accepts acknowledged, answers a resend with the first result, and fans it out to both desks', async () => {
    const ev = ackEvent(hit.id, 'acknowledged');
    const first = await deskA.sendAck(ev);
    expect(first).toEqual({ ok: true, entrySeq: expect.any(Number) });
    expect(await deskA.sendAck(ev)).toEqual(first);
    const onB = await waitFor(() => deskB.acks.find((e) => e.eventId === ev.eventId), 'ack on desk B');
    expect(onB).toMatchObject({ seq: first.entrySeq, userId: a.user.id, username: a.user.username, clientId: 'desk-a', type: 'acknowledged' });
    await waitFor(() => deskA.acks.some((e) => e.eventId === ev.eventId), 'ack on desk A');
    expect((await t.hub.store.acks.trail(hit.id)).filter((e) => e.eventId === ev.eventId)).toHaveLength(1);
    expect((await deskA.sendAck(ackEvent(hit.id, 'acknowledged'))).error.code).toBe('already_acknowledged');
  });

  it('requires a confirmed, attested verification by the same user before action', async () => {
    const act = (caseNumber?: string) => ackEvent(hit.id, 'action_taken', { action: { kind: 'stop', ...(caseNumber ? { caseNumber } : {}) } });
    expect((await deskA.sendAck(act('2026-1'))).error.code).toBe('verification_required');
    const notAttested = { ...CONFIRMED, stateMatches: false, queryReference: 'L-1' };
    expect((await deskA.sendAck(ackEvent(hit.id, 'verified', { verification: notAttested }))).ok).toBe(true);
    expect((await deskA.sendAck(act('2026-1'))).error.code).toBe('verification_required');
    // B acknowledges and verifies; that does not let A act, nor B without its own verification.
    expect((await deskB.sendAck(ackEvent(hit.id, 'acknowledged'))).ok).toBe(true);
    expect((await deskB.sendAck(act('2026-2'))).error.code).toBe('verification_required');
    expect((await deskA.sendAck(ackEvent(hit.id, 'verified', { verification: { ...CONFIRMED, queryReference: 'L-TAMPER-ME' } }))).ok).toBe(true);
    expect((await deskA.sendAck(act())).error.code).toBe('case_number_required');
    expect((await deskA.sendAck(act('   '))).error.code).toBe('case_number_required');
    expect(await deskA.sendAck(act('2026-00123'))).toMatchObject({ ok: true });
  });

  it('ends the trail with closed', async () => {
    expect((await deskA.sendAck(ackEvent(hit.id, 'closed', { close: { reason: 'cleared' } }))).ok).toBe(true);
    expect((await deskA.sendAck(ackEvent(hit.id, 'verified', { verification: CONFIRMED }))).error.code).toBe('trail_closed');
    expect((await deskA.sendAck(ackEvent(hit.id, 'closed', { close: { reason: 'other' } }))).error.code).toBe('trail_closed');
  });

  it('refuses malformed events and unknown alerts', async () => {
    expect((await deskA.sendAck({ eventId: 'x', type: 'acknowledged' })).error.code).toBe('invalid_event');
    expect((await deskA.sendAck('DROP TABLE ack_log')).error.code).toBe('invalid_event');
    expect((await deskA.sendAck(ackEvent('no-such-alert', 'acknowledged'))).error.code).toBe('unknown_alert');
    expect((await deskA.sendAck(ackEvent(hit.id, 'acknowledged', { verification: CONFIRMED }))).error.code).toBe('invalid_event');
  });

  it('shows an alert with its trail and receipts to a supervisor and to a desk it reached, not to others', async () => {
    const res = await t.api('GET', `/alerts/${hit.id}`, { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.body.alert).toMatchObject({ id: hit.id, hit: { plate: hit.plate } });
    expect(res.body.trail.map((e: { type: string }) => e.type)).toEqual(['acknowledged', 'verified', 'acknowledged', 'verified', 'action_taken', 'closed']);
    expect(res.body.receipts).toEqual(expect.arrayContaining([
      expect.objectContaining({ userId: a.user.id, clientId: 'desk-a', receivedAt: expect.any(String) }),
      expect.objectContaining({ userId: b.user.id, clientId: 'desk-b' }),
    ]));
    expect((await t.api('GET', `/alerts/${hit.id}`, { token: a.token })).status).toBe(200);
    const stranger = await t.signedIn(['trooper']);
    const refused = await t.api('GET', `/alerts/${hit.id}`, { token: stranger.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await t.api('GET', '/alerts/nope', { token: sup.token })).status).toBe(404);
  });

  it('lets supervisors page the log with filters and a cursor', async () => {
    const all = await t.api('GET', '/acks?limit=1000', { token: sup.token });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(6);
    expect(all.body.nextCursor).toBeNull();
    const byUser = await t.api('GET', `/acks?user=${b.user.username}`, { token: sup.token });
    expect(byUser.body.items.map((e: { userId: string }) => e.userId)).toEqual([b.user.id]);
    expect((await t.api('GET', '/acks?category=stolen', { token: sup.token })).body.items).toHaveLength(0);
    expect((await t.api('GET', '/acks?category=felony', { token: sup.token })).body.items).toHaveLength(6);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await t.api('GET', `/acks?since=${encodeURIComponent(future)}`, { token: sup.token })).body.items).toHaveLength(0);
    expect((await t.api('GET', `/acks?until=${encodeURIComponent(future)}`, { token: sup.token })).body.items).toHaveLength(6);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { seq: number }[]; nextCursor: string | null } } = await t.api('GET', `/acks?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token: sup.token });
      seen.push(...page.body.items.map((e) => e.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((e: { seq: number }) => e.seq));
    const bad = await t.api('GET', '/acks?limit=0&category=nope', { token: sup.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['limit', 'category']));
    expect((await t.api('GET', '/acks?cursor=garbage', { token: sup.token })).status).toBe(400);
    expect((await t.api('GET', '/acks', { token: a.token })).status).toBe(403);
    expect((await t.api('GET', '/acks')).status).toBe(401);
  });

  it('exports the log as CSV with the same filters', async () => {
    const res = await t.api('GET', `/acks/export.csv?user=${a.user.username}`, { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,serverAt,at,alertId,category,type,userId,username/);
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toContain(',felony,acknowledged,');
    expect(res.text).toContain('2026-00123');
    expect((await t.api('GET', '/acks/export.csv', { token: b.token })).status).toBe(403);
  });

  it('chains entries exactly as docs/protocol.md says, checked with an independent canonical JSON', async () => {
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
    const items = (await t.api('GET', '/acks?limit=1000', { token: sup.token })).body.items as Record<string, unknown>[];
    let prev = '0'.repeat(64);
    for (const entry of items) {
      const { hash, ...rest } = entry;
      expect(rest.prevHash).toBe(prev);
      expect(hash).toBe(createHash('sha256').update(prev + JSON.stringify(sortKeys(rest))).digest('hex'));
      prev = hash as string;
    }
  });

  it('verifies the chain', async () => {
    const res = await t.api('GET', '/audit/verify', { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, entries: 6, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.firstBadSeq).toBeUndefined();
    expect((await t.api('GET', '/audit/verify', { token: a.token })).status).toBe(403);
  });
});

describe('an acknowledgement from a desk whose receipt was lost', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t.close());

  it('takes an acknowledgement as the receipt a desk could not send: recorded, and the trail reaches that desk', async () => {
    const c = await t.signedIn(['trooper']);
    const deskC = t.connect({ token: c.token, clientId: 'desk-c', receipts: false });
    try {
      await deskC.ready();
      const lost = makeHit({ category: 'stolen' });
      expect((await t.postHit(lost)).status).toBe(202);
      await waitFor(() => deskC.alerts.some((x) => x.alert.id === lost.id), 'the alert on desk C');
      expect((await t.hub.store.receipts.forAlert(lost.id)).some((r) => r.userId === c.user.id)).toBe(false);
      const ev = ackEvent(lost.id, 'acknowledged');
      expect(await deskC.sendAck(ev)).toEqual({ ok: true, entrySeq: expect.any(Number) });
      expect(await t.hub.store.receipts.forAlert(lost.id)).toContainEqual(expect.objectContaining({ userId: c.user.id, clientId: 'desk-c' }));
      await waitFor(() => deskC.acks.some((e) => e.eventId === ev.eventId), 'its own ack pushed back to desk C');
      expect((await t.api('GET', `/alerts/${lost.id}`, { token: c.token })).status).toBe(200);
    } finally {
      deskC.close();
    }
  });
});
