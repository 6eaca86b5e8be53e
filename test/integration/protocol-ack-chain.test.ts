/**
 * docs/protocol.md conformance, AckEvent/AckEntry and the hash chain: the order rules in their corners
 * (closed needs acknowledged, every kind of unattested verification blocks action, a case number
 * of 1-64 characters, one user's close leaves another's trail open, nothing follows closed), each
 * AckEntry being the AckEvent as sent plus exactly the listed fields, and the chain recomputed here
 * with node:crypto and a canonical JSON written for this test alone (never the project's).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckEvent } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, type TestUser, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

/** Canonical JSON as docs/protocol.md says: keys sorted (by UTF-16 code units), no spaces. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const ENTRY_FIELDS = ['seq', 'userId', 'username', 'clientId', 'serverAt', 'prevHash', 'hash'];

type Signed = { user: TestUser; token: string };

describe('docs/protocol.md acknowledgement trail', () => {
  let t: TestHub;
  let a: Signed;
  let b: Signed;
  let sup: Signed;
  let deskA: AlertClient;
  let deskB: AlertClient;
  const sent = new Map<string, { event: AckEvent; user: Signed; clientId: string }>();

  const deliver = async (category: 'felony' | 'stolen' = 'stolen'): Promise<string> => {
    const hit = makeHit({ category });
    await t.postHit(hit);
    await waitFor(() => deskA.alerts.some((x) => x.alert.id === hit.id) && deskB.alerts.some((x) => x.alert.id === hit.id), 'the alert on both desks');
    return hit.id;
  };
  const send = async (desk: AlertClient, who: Signed, event: AckEvent) => {
    const answer = await desk.sendAck(event);
    if (answer.ok) sent.set(event.eventId, { event, user: who, clientId: desk === deskA ? 'chain-a' : 'chain-b' });
    return answer;
  };
  const code = async (desk: AlertClient, who: Signed, event: AckEvent): Promise<string> => {
    const answer = await send(desk, who, event);
    expect(answer).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    return answer.error.code as string;
  };
  const ok = async (desk: AlertClient, who: Signed, event: AckEvent): Promise<void> => {
    const answer = await send(desk, who, event);
    expect(answer, JSON.stringify(answer)).toEqual({ ok: true, entrySeq: expect.any(Number) });
  };
  const act = (alertId: string, caseNumber?: string) => ackEvent(alertId, 'action_taken', { action: { kind: 'stop', ...(caseNumber !== undefined ? { caseNumber } : {}) } });

  beforeAll(async () => {
    t = await startTestHub();
    a = await t.signedIn(['trooper']);
    b = await t.signedIn(['trooper']);
    sup = await t.signedIn(['supervisor']);
    deskA = t.connect({ token: a.token, clientId: 'chain-a' });
    deskB = t.connect({ token: b.token, clientId: 'chain-b' });
    await deskA.ready();
    await deskB.ready();
  });
  afterAll(async () => t.close());

  it('reports an empty log as a holding chain', async () => {
    const res = await t.api('GET', '/audit/verify', { token: sup.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, entries: 0 });
    expect(res.body.firstBadSeq).toBeUndefined();
  });

  it('refuses every event before acknowledged, closed included (rule 1)', async () => {
    const id = await deliver();
    await code(deskA, a, ackEvent(id, 'closed', { close: { reason: 'misread' } }));
    await code(deskA, a, act(id, '2026-1'));
    await code(deskA, a, ackEvent(id, 'verified', { verification: CONFIRMED }));
    await ok(deskA, a, ackEvent(id, 'acknowledged'));
    await ok(deskA, a, ackEvent(id, 'closed', { close: { reason: 'misread', note: 'plate was 8 not B' } }));
  });

  it('refuses action_taken after any verification that is not confirmed and attested twice (rule 3)', async () => {
    const id = await deliver('felony');
    await ok(deskA, a, ackEvent(id, 'acknowledged'));
    const weak = [
      { ...CONFIRMED, result: 'not_confirmed' as const },
      { ...CONFIRMED, result: 'unable' as const },
      { ...CONFIRMED, plateMatchesImage: false },
      { ...CONFIRMED, stateMatches: false },
      { ...CONFIRMED, plateMatchesImage: false, stateMatches: false },
    ];
    for (const verification of weak) {
      await ok(deskA, a, ackEvent(id, 'verified', { verification }));
      expect(await code(deskA, a, act(id, '2026-00777'))).toBe('verification_required');
    }
    // B's confirmed verification does not count for A.
    await ok(deskB, b, ackEvent(id, 'acknowledged'));
    await ok(deskB, b, ackEvent(id, 'verified', { verification: { ...CONFIRMED, system: 'LEADS+NCIC', note: 'NCIC hit confirmed by teletype' } }));
    expect(await code(deskA, a, act(id, '2026-00777'))).toBe('verification_required');
  });

  it('requires a case number of 1-64 characters on action_taken (rule 3)', async () => {
    const id = await deliver();
    await ok(deskA, a, ackEvent(id, 'acknowledged'));
    await ok(deskA, a, ackEvent(id, 'verified', { verification: { ...CONFIRMED, system: 'NCIC' } }));
    expect(await code(deskA, a, act(id))).toBe('case_number_required');
    expect(await code(deskA, a, act(id, ''))).toBe('case_number_required');
    await code(deskA, a, act(id, 'C'.repeat(65)));
    await ok(deskA, a, act(id, 'C'.repeat(64)));
    await ok(deskA, a, act(id, '1'));
  });

  it('ends only the closing user’s trail; nothing follows closed, acknowledged included (rule 4)', async () => {
    const id = await deliver();
    await ok(deskA, a, ackEvent(id, 'acknowledged'));
    await ok(deskB, b, ackEvent(id, 'acknowledged'));
    await ok(deskA, a, ackEvent(id, 'closed', { close: { reason: 'duplicate' } }));
    for (const next of [ackEvent(id, 'acknowledged'), ackEvent(id, 'verified', { verification: CONFIRMED }), act(id, '2026-9'), ackEvent(id, 'closed', { close: { reason: 'other' } })]) {
      expect(await code(deskA, a, next), next.type).toBe('trail_closed');
    }
    await ok(deskB, b, ackEvent(id, 'verified', { verification: CONFIRMED }));
    await ok(deskB, b, { ...act(id, '2026-00123'), action: { kind: 'located', caseNumber: '2026-00123', note: 'Unit 3B has it, "quoted" \\ back-slashed\nnew line' } });
    await ok(deskB, b, ackEvent(id, 'closed', { close: { reason: 'cleared', note: 'Café — ✓ 🚓 \u2028 done' } }));
  });

  it('refuses an event without the part its type needs, or with the part of another type', async () => {
    const id = await deliver();
    await ok(deskA, a, ackEvent(id, 'acknowledged'));
    await code(deskA, a, ackEvent(id, 'verified'));
    await code(deskA, a, ackEvent(id, 'verified', { verification: CONFIRMED, close: { reason: 'other' } }));
    await ok(deskA, a, ackEvent(id, 'verified', { verification: CONFIRMED }));
    await code(deskA, a, ackEvent(id, 'action_taken'));
    await code(deskA, a, ackEvent(id, 'closed'));
    await code(deskA, a, ackEvent(id, 'closed', { close: { reason: 'misread' }, action: { kind: 'stop', caseNumber: '1' } }));
    await code(deskA, a, ackEvent(id, 'closed', { close: { reason: 'misread', note: 'n'.repeat(2001) } }));
    await ok(deskA, a, ackEvent(id, 'closed', { close: { reason: 'out_of_area', note: 'n'.repeat(2000) } }));
  });

  it('stores each AckEntry as the AckEvent sent plus seq, userId, username, clientId, serverAt, prevHash and hash', async () => {
    const res = await t.api('GET', '/acks?limit=1000', { token: sup.token });
    const items = res.body.items as Record<string, unknown>[];
    expect(items.length).toBe(sent.size);
    let lastSeq = 0;
    for (const entry of items) {
      const mine = sent.get(entry.eventId as string);
      expect(mine, `entry ${String(entry.seq)} was sent`).toBeDefined();
      const { event, user, clientId } = mine!;
      expect(Object.keys(entry).sort()).toEqual([...Object.keys(event), ...ENTRY_FIELDS].sort());
      expect(entry).toEqual({
        ...event,
        seq: expect.any(Number),
        userId: user.user.id,
        username: user.user.username,
        clientId,
        serverAt: expect.stringMatching(/(Z|[+-]\d\d:\d\d)$/),
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(Number.isInteger(entry.seq) && (entry.seq as number) > lastSeq).toBe(true);
      lastSeq = entry.seq as number;
    }
  });

  it('chains every entry: hash = sha256_hex(prevHash + canonical_json(entry without hash)), from 64 zeros', async () => {
    const items = (await t.api('GET', '/acks?limit=1000', { token: sup.token })).body.items as Record<string, unknown>[];
    let prev = '0'.repeat(64);
    for (const entry of items) {
      const { hash, ...rest } = entry;
      expect(rest.prevHash, `link of seq ${String(entry.seq)}`).toBe(prev);
      expect(hash, `hash of seq ${String(entry.seq)}`).toBe(sha256(prev + canonical(rest)));
      prev = hash as string;
    }
    const verify = await t.api('GET', '/audit/verify', { token: sup.token });
    expect(verify.body).toEqual({ ok: true, entries: items.length, head: prev });
  });

  it('serves the same entries on the stream, in the trail and in the log', async () => {
    const items = (await t.api('GET', '/acks?limit=1000', { token: sup.token })).body.items as { eventId: string; alertId: string; hash: string }[];
    await waitFor(() => items.every((e) => deskB.acks.some((x) => x.eventId === e.eventId)), 'every entry on desk B');
    for (const e of items) expect(deskB.acks.find((x) => x.eventId === e.eventId)).toEqual(e);
    const alertId = items.at(-1)!.alertId;
    const detail = await t.api('GET', `/alerts/${alertId}`, { token: sup.token });
    expect(detail.body.trail).toEqual(items.filter((e) => e.alertId === alertId));
  });
});
