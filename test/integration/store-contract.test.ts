/**
 * One contract for every HubStore: the same assertions run against the embedded SQLite store and
 * the Postgres store (a real cluster on loopback), so the hub behaves the same on either. Postgres
 * is skipped with a message when it is not installed, and fails under CI=true.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/backend/audit/chain-verifier.js';
import type { AckDraft, HubStore, NewUser, Receipt } from '../../src/backend/store/port.js';
import { addReceipt } from '../../src/backend/store/receipt-batch.js';
import { type PgHubStore, openPostgresStore } from '../../src/backend/store/postgres/index.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { DEFAULT_POLICY } from '../../src/shared/protocol/index.js';
import { makeHit } from '../support/hits.js';
import { waitFor } from '../support/wait.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';
import { CHICAGO, zone } from '../support/zones.js';

interface Opened {
  store: HubStore;
  /** Runs SQL on the database directly, outside the store (to prove the triggers hold). */
  raw(sql: string): Promise<void>;
  /** SQL with which someone with full rights switches the ack log's guard off (to hand-edit it). */
  unguardAckLog: string;
  close(): Promise<void>;
}

const user = (n: number, extra: Partial<NewUser> = {}): NewUser => ({
  id: `u-${n}`, username: `Trooper${n}`, displayName: `Trooper ${n}`, roles: ['trooper'], unit: 'Troop 3',
  passwordHash: 'scrypt$x', totpSecret: null, leadsCertifiedUntil: '2028-01-01T00:00:00.000Z',
  trainingCompletedAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-11-28T00:00:00.000Z', ...extra,
});

const draft = (alertId: string, type: AckDraft['type'], n: number, userId = 'u-1'): AckDraft => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, alertId, type, at: '2026-11-28T03:15:04.120Z',
  userId, username: `user-${userId}`, clientId: 'desk-1', serverAt: `2026-11-28T03:16:${String(n % 60).padStart(2, '0')}.000Z`,
});

const firstAck = (trail: { type: string; userId: string }[], userId: string) =>
  trail.some((e) => e.type === 'acknowledged' && e.userId === userId) ? { code: 'already_acknowledged', message: 'again' } : undefined;

function contract(name: string, open: () => Promise<Opened>): void {
  describe(`HubStore contract: ${name}`, () => {
    let db: Opened;
    let store: HubStore;
    beforeEach(async () => {
      db = await open();
      store = db.store;
    });
    afterEach(async () => db.close());

    it('keeps users with case-insensitive unique names and login state', async () => {
      await store.users.add(user(2));
      await store.users.add(user(1));
      expect((await store.users.byName('trooper1'))?.id).toBe('u-1');
      expect((await store.users.byId('u-2'))?.roles).toEqual(['trooper']);
      await expect(store.users.add(user(3, { username: 'TROOPER1' }))).rejects.toThrow();
      expect((await store.users.list()).map((u) => u.id)).toEqual(['u-1', 'u-2']);
      expect(await store.users.count()).toBe(2);
      await store.users.setLoginState('u-1', { failedCount: 3, firstFailedAt: '2026-11-28T01:00:00.000Z', lockedUntil: null });
      expect(await store.users.byId('u-1')).toMatchObject({ failedCount: 3, firstFailedAt: '2026-11-28T01:00:00.000Z', lockedUntil: null });
      expect(await store.users.byName('nobody')).toBeUndefined();
    });

    it('lets exactly one of two racing refreshes use a token; revocation is idempotent', async () => {
      await store.sessions.addToken({ tokenHash: 'h1', familyId: 'f1', userId: 'u-1', createdAt: 'a', expiresAt: 'b' });
      const used = await Promise.all([store.sessions.useToken('h1', 't1'), store.sessions.useToken('h1', 't2')]);
      expect(used.filter(Boolean)).toHaveLength(1);
      expect((await store.sessions.token('h1'))?.usedAt).not.toBeNull();
      expect(await store.sessions.isRevoked('f1')).toBe(false);
      await store.sessions.revokeFamily('f1', 't3');
      await store.sessions.revokeFamily('f1', 't4');
      expect(await store.sessions.isRevoked('f1')).toBe(true);
      await store.keys.add({ id: 'k1', name: 'vendor', keyHash: 'kh', createdAt: 'c' });
      expect(await store.keys.byHash('kh')).toEqual({ id: 'k1', name: 'vendor', keyHash: 'kh', createdAt: 'c' });
      expect(await store.keys.byHash('other')).toBeUndefined();
    });

    it('numbers alerts, answers a repeated id with the first seq, and keeps images apart', async () => {
      const images = { plate: 'data:image/png;base64,AAAA' };
      const a = await store.alerts.ingest(makeHit({ images }), '2026-11-28T03:00:00.000Z');
      const b = await store.alerts.ingest(makeHit({ category: 'amber', location: { lat: 39.8, lon: -89.6 } }), '2026-11-28T04:00:00.000Z');
      expect(b.seq).toBeGreaterThan(a.seq);
      const again = await store.alerts.ingest({ ...a.alert.hit, plate: 'ZZZ999' }, '2026-11-28T05:00:00.000Z');
      expect(again).toMatchObject({ seq: a.seq, duplicate: true });
      expect(again.alert.hit.plate).toBe('ABC1234');
      expect(await store.alerts.headSeq()).toBe(b.seq);
      expect((await store.alerts.after(0, 10)).map((s) => s.seq)).toEqual([a.seq, b.seq]);
      expect((await store.alerts.after(0, 10))[0]?.alert.hit.images).toEqual(images);
      expect((await store.alerts.byId(a.alert.id))?.alert).toEqual(a.alert);
      expect(await store.alerts.firstSeqSince('2026-11-28T03:30:00.000Z')).toBe(b.seq);
      expect(await store.alerts.firstSeqSince('2026-11-29T00:00:00.000Z')).toBeUndefined();
      expect((await store.alerts.query({ limit: 10 })).map((s) => s.seq)).toEqual([b.seq, a.seq]);
      expect((await store.alerts.query({ limit: 10 }))[1]?.alert.hit.images).toBeUndefined();
      expect((await store.alerts.query({ limit: 10, category: 'amber' })).map((s) => s.seq)).toEqual([b.seq]);
      expect((await store.alerts.query({ limit: 10, bbox: [-87.7, 41.78, -87.58, 41.88] })).map((s) => s.seq)).toEqual([a.seq]);
      expect((await store.alerts.query({ limit: 10, beforeSeq: b.seq })).map((s) => s.seq)).toEqual([a.seq]);
      expect((await store.alerts.query({ limit: 10, since: '2026-11-28T03:30:00.000Z', until: '2026-11-28T05:00:00.000Z' })).map((s) => s.seq)).toEqual([b.seq]);
      // Per network first: a's camera is not a Flock one, so a Flock cut-off leaves its pictures.
      expect(await store.alerts.purgeImages('2026-11-28T03:30:00.000Z', 'flock')).toBe(0);
      expect(await store.alerts.purgeImages('2026-11-28T03:30:00.000Z', a.alert.hit.camera.network)).toBe(1);
      expect(await store.alerts.purgeImages('2026-11-28T03:30:00.000Z')).toBe(0);
      expect((await store.alerts.byId(a.alert.id))?.alert.hit.images).toBeUndefined();
      expect((await store.alerts.byId(a.alert.id))?.alert.hit.plate).toBe('ABC1234');
    });

    it('gives concurrent ingests unique seqs that become visible in seq order', async () => {
      const seen: number[] = [];
      let done = false;
      // A cursor like the hub's delivery: whatever it sees, nothing smaller may appear later.
      const reader = (async () => {
        let last = 0;
        while (!done) {
          for (const s of await store.alerts.after(last, 1000)) {
            seen.push(s.seq);
            last = s.seq;
          }
        }
        for (const s of await store.alerts.after(last, 1000)) seen.push(s.seq);
      })();
      const results = await Promise.all(Array.from({ length: 60 }, () => store.alerts.ingest(makeHit(), new Date().toISOString())));
      done = true;
      await reader;
      const seqs = results.map((r) => r.seq);
      expect(new Set(seqs).size).toBe(60);
      expect(seen).toEqual([...seqs].sort((x, y) => x - y));
    });

    it("finds a user's own alerts by receipt and by part of the plate (GET /me/alerts)", async () => {
      const mine = await store.alerts.ingest(makeHit({ plate: 'KP4471' }), '2026-11-28T03:00:00.000Z');
      const theirs = await store.alerts.ingest(makeHit({ plate: 'KP4472' }), '2026-11-28T03:01:00.000Z');
      await addReceipt(store.receipts, { alertId: mine.alert.id, userId: 'u-own', clientId: 'd1', receivedAt: '2026-11-28T03:00:01.000Z' });
      await addReceipt(store.receipts, { alertId: theirs.alert.id, userId: 'u-else', clientId: 'd2', receivedAt: '2026-11-28T03:01:01.000Z' });
      await (store.receipts as { flush?: () => unknown }).flush?.();
      expect((await store.alerts.query({ limit: 10, deliveredTo: 'u-own' })).map((s) => s.seq)).toEqual([mine.seq]);
      expect((await store.alerts.query({ limit: 10, plateContains: 'P447' })).map((s) => s.seq)).toEqual([theirs.seq, mine.seq]);
      expect((await store.alerts.query({ limit: 10, plateContains: '4472', deliveredTo: 'u-own' })).map((s) => s.seq)).toEqual([]);
    });

    it('records one receipt per installation', async () => {
      await addReceipt(store.receipts, { alertId: 'a1', userId: 'u-1', clientId: 'd1', receivedAt: '2026-11-28T03:00:01.000Z' });
      await addReceipt(store.receipts, { alertId: 'a1', userId: 'u-1', clientId: 'd1', receivedAt: '2026-11-28T03:00:09.000Z' });
      await addReceipt(store.receipts, { alertId: 'a1', userId: 'u-2', clientId: 'd2', receivedAt: '2026-11-28T03:00:02.000Z' });
      expect(await store.receipts.forAlert('a1')).toEqual([
        { alertId: 'a1', userId: 'u-1', clientId: 'd1', receivedAt: '2026-11-28T03:00:01.000Z' },
        { alertId: 'a1', userId: 'u-2', clientId: 'd2', receivedAt: '2026-11-28T03:00:02.000Z' },
      ]);
    });

    it('keeps many receipts sent at once, one per installation, readable before their writes resolve', async () => {
      const adds = Array.from({ length: 600 }, (_, i) =>
        addReceipt(store.receipts, { alertId: 'a2', userId: `u-${i % 300}`, clientId: 'd', receivedAt: `2026-11-28T03:${String(Math.floor(i / 60)).padStart(2, '0')}:00.000Z` }));
      const early = await store.receipts.forAlert('a2');
      await Promise.all(adds);
      expect(early).toHaveLength(300);
      expect(early.find((r) => r.userId === 'u-7')?.receivedAt).toBe('2026-11-28T03:00:00.000Z');
      expect(await store.receipts.forAlert('a2')).toEqual(early);
    });

    it('writes the rest of a batch when one receipt in it cannot be written, and tells only that one', async () => {
      const told: { userId: string; err: unknown }[] = [];
      // A user id the store cannot write: SQLite cannot bind a boolean; Postgres keeps no null (SQLite's
      // INSERT OR IGNORE would skip a null row silently).
      const unwritable = (name === 'Postgres' ? null : true) as unknown as string;
      const receipt = (userId: string): Receipt => ({ alertId: 'a3', userId, clientId: 'd', receivedAt: '2026-11-28T03:00:00.000Z' });
      for (const userId of ['u-1', unwritable, 'u-3']) store.receipts.record(receipt(userId), (err) => told.push({ userId: userId === unwritable ? 'bad' : userId, err }));
      const rows = await store.receipts.forAlert('a3');
      await waitFor(() => told.length === 3, 'every receipt told');
      expect(rows.map((r) => r.userId).sort()).toEqual(['u-1', 'u-3']);
      expect(told.filter((t) => t.err !== undefined).map((t) => t.userId)).toEqual(['bad']);
      expect(told.filter((t) => t.err === undefined).map((t) => t.userId).sort()).toEqual(['u-1', 'u-3']);
    });

    it('chains the acknowledgement log, answers a repeated eventId with the first outcome, and filters', async () => {
      const { alert } = await store.alerts.ingest(makeHit({ category: 'felony' }), '2026-11-28T03:00:00.000Z');
      const first = await store.acks.append(draft(alert.id, 'acknowledged', 1), (t) => firstAck(t, 'u-1'));
      expect(first).toEqual({ ok: true, entrySeq: 1 });
      expect(await store.acks.append(draft(alert.id, 'acknowledged', 1), () => ({ code: 'x', message: 'y' }))).toEqual(first);
      expect(await store.acks.append(draft(alert.id, 'acknowledged', 2), (t) => firstAck(t, 'u-1'))).toEqual({
        ok: false, error: { code: 'already_acknowledged', message: 'again' },
      });
      await store.acks.append(draft(alert.id, 'acknowledged', 3, 'u-2'), (t) => firstAck(t, 'u-2'));
      const trail = await store.acks.trail(alert.id);
      expect(trail.map((e) => [e.seq, e.userId])).toEqual([[1, 'u-1'], [2, 'u-2']]);
      expect(trail[1]?.prevHash).toBe(trail[0]?.hash);
      expect(await store.acks.outcome(draft(alert.id, 'acknowledged', 3).eventId)).toEqual({ ok: true, entrySeq: 2 });
      expect(await store.acks.outcome('unknown')).toBeUndefined();
      expect((await store.acks.query({ limit: 10, userId: 'u-2' })).map((e) => e.seq)).toEqual([2]);
      expect((await store.acks.query({ limit: 10, category: 'felony', afterSeq: 1 })).map((e) => e.seq)).toEqual([2]);
      expect(await store.acks.query({ limit: 10, category: 'amber' })).toEqual([]);
      expect((await store.acks.rows(0, 10)).map((r) => r.seq)).toEqual([1, 2]);
      expect(await verifyChain(store.acks)).toMatchObject({ ok: true, entries: 2, head: trail[1]?.hash });

      const refusal = { eventId: 'e-9', alertId: alert.id, userId: 'u-1', username: 'user-u-1', clientId: 'd', type: 'verified', at: '2026-11-28T03:20:00.000Z', error: { code: 'order', message: 'no' } };
      await store.acks.recordRefusal(refusal);
      await store.acks.recordRefusal({ ...refusal, at: '2026-11-28T03:21:00.000Z' });
      expect(await store.acks.refusals({ limit: 10 })).toEqual([refusal]);
      expect(await store.acks.refusals({ limit: 10, userId: 'u-2' })).toEqual([]);
      expect(await store.acks.outcome('e-9')).toEqual({ ok: false, error: refusal.error });
    });

    it('answers the supervisor reads: log search, report facts, activity, escalations', async () => {
      await store.users.add(user(1, { unit: 'Troop 1' }));
      await store.users.add(user(2, { unit: 'Troop 2' }));
      const a = (await store.alerts.ingest(makeHit({ category: 'felony', plate: 'XYZ9876' }), '2026-11-10T03:00:00.000Z')).alert;
      const b = (await store.alerts.ingest(makeHit({ category: 'amber' }), '2026-11-20T03:00:00.000Z')).alert;
      await store.alerts.ingest(makeHit(), '2026-12-01T00:00:00.000Z');
      for (const [alertId, userId, at] of [[a.id, 'u-1', '03:00:05'], [a.id, 'u-2', '03:00:06'], [b.id, 'u-2', '03:00:07']] as const) {
        await addReceipt(store.receipts, { alertId, userId, clientId: 'd', receivedAt: `2026-11-20T${at}.000Z` });
      }
      await store.acks.append(draft(a.id, 'acknowledged', 1), () => undefined);
      await store.acks.append({ ...draft(a.id, 'verified', 2), verification: { system: 'LEADS', result: 'not_confirmed', plateMatchesImage: true, stateMatches: true } }, () => undefined);
      await store.acks.append({ ...draft(b.id, 'acknowledged', 3, 'u-2') }, () => undefined);
      await store.acks.append({ ...draft(b.id, 'action_taken', 4, 'u-2'), action: { kind: 'stop', caseNumber: 'case-77' } }, () => undefined);
      const seqs = (q: Partial<Parameters<HubStore['review']['searchAcks']>[0]>) =>
        store.review.searchAcks({ order: 'asc', limit: 10, ...q }).then((rows) => rows.map((r) => r.seq));
      expect(await seqs({ unit: 'Troop 2' })).toEqual([3, 4]);
      expect(await seqs({ type: 'verified', result: 'not_confirmed' })).toEqual([2]);
      expect(await seqs({ text: 'XYZ98' })).toEqual([1, 2]);
      expect(await seqs({ text: 'CASE-7' })).toEqual([4]);
      expect(await seqs({ order: 'desc', cursorSeq: 4, limit: 2 })).toEqual([3, 2]);
      expect(await seqs({ alertId: b.id, category: 'amber', userId: 'u-2' })).toEqual([3, 4]);
      expect((await store.review.searchAcks({ order: 'asc', limit: 1 }))[0]).toMatchObject({ seq: 1, plate: 'XYZ9876', plateState: 'IL', category: 'felony', unit: 'Troop 1' });

      const facts = await store.review.reportFacts('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
      expect(facts.alerts.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      expect(facts.receipts).toHaveLength(3);
      expect(facts.entries.map((e) => [e.seq, e.type, e.result]).sort()).toEqual([[1, 'acknowledged', null], [2, 'verified', 'not_confirmed'], [3, 'acknowledged', null], [4, 'action_taken', null]]);

      // b is verified by nobody and was first delivered at 03:00:07; a has a verification.
      expect(await store.review.dueForEscalation('2026-11-19T00:00:00.000Z', '2026-11-20T03:00:06.999Z', 10)).toEqual([]);
      expect(await store.review.dueForEscalation('2026-11-20T03:00:08.000Z', '2026-11-21T00:00:00.000Z', 10)).toEqual([]);
      // Only alerts ingested within the horizon are looked at (b was ingested at 03:00:00, delivered at 03:00:07).
      expect(await store.review.dueForEscalation('2026-11-20T03:00:00.001Z', '2026-11-21T00:00:00.000Z', 10)).toEqual([]);
      const due = await store.review.dueForEscalation('2026-11-19T00:00:00.000Z', '2026-11-20T03:00:07.000Z', 10);
      expect(due).toEqual([{ alertId: b.id, seq: expect.any(Number), category: 'amber', plate: 'ABC1234', deliveredAt: '2026-11-20T03:00:07.000Z' }]);
      const record = { ...due[0]!, escalatedAt: '2026-11-20T03:10:07.000Z', units: ['Troop 2'] };
      expect(await store.review.addEscalation(record)).toBe(true);
      expect(await store.review.addEscalation({ ...record, escalatedAt: 'later' })).toBe(false);
      expect(await store.review.escalation(b.id)).toEqual(record);
      expect(await store.review.escalations({ limit: 10 })).toEqual([record]);
      expect(await store.review.dueForEscalation('2026-11-19T00:00:00.000Z', '2026-11-21T00:00:00.000Z', 10)).toEqual([]);
      expect((await store.review.reportFacts('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).escalatedAlertIds).toEqual([b.id]);

      await store.audit.add({ at: '2026-11-03T00:00:00.000Z', action: 'login', outcome: 'failure', userId: 'u-1', username: 'x', source: null });
      await store.audit.add({ at: '2026-12-03T00:00:00.000Z', action: 'login', outcome: 'failure', userId: 'u-1', username: 'x', source: null });
      await store.zones.put(zone('z1', CHICAGO), 'u-2', '2026-11-04T00:00:00.000Z');
      const activity = await store.review.activity('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', ['login']);
      expect(activity).toEqual([
        { action: 'login', outcome: 'failure', userId: 'u-1', detail: null },
        { action: 'zone_change', outcome: 'success', userId: 'u-2', detail: null },
      ]);
      expect((await store.review.auditEvents({ actions: ['login'], since: '2026-12-01T00:00:00.000Z', limit: 5 })).map((e) => e.at)).toEqual(['2026-12-03T00:00:00.000Z']);
      expect(await store.review.received('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([{ network: 'isp', source: 'NCIC', hits: 2 }]);
    });

    it('keeps one hash chain under concurrent appends', async () => {
      const alerts = await Promise.all(Array.from({ length: 8 }, () => store.alerts.ingest(makeHit(), new Date().toISOString())));
      const outcomes = await Promise.all(alerts.flatMap(({ alert }, i) => [1, 2, 3].map((u) =>
        store.acks.append(draft(alert.id, 'acknowledged', i * 10 + u, `u-${u}`), (t) => firstAck(t, `u-${u}`)))));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(outcomes.map((o) => (o.ok ? o.entrySeq : 0)).sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect(await verifyChain(store.acks)).toMatchObject({ ok: true, entries: 24 });
    });

    it('keeps each of many appends sent at once apart: a repeat, a refusal and a failing check touch only themselves', async () => {
      const { alert } = await store.alerts.ingest(makeHit(), new Date().toISOString());
      const failing = (): undefined => {
        throw new Error('check failed');
      };
      // Sent in one go: the stores may commit them together, each must still get its own answer.
      const [first, repeat, second, broken, after] = await Promise.allSettled([
        store.acks.append(draft(alert.id, 'acknowledged', 1), (t) => firstAck(t, 'u-1')),
        store.acks.append(draft(alert.id, 'acknowledged', 1), (t) => firstAck(t, 'u-1')),
        store.acks.append(draft(alert.id, 'acknowledged', 2), (t) => firstAck(t, 'u-1')),
        store.acks.append(draft(alert.id, 'acknowledged', 3, 'u-3'), failing),
        store.acks.append(draft(alert.id, 'acknowledged', 4, 'u-2'), (t) => firstAck(t, 'u-2')),
      ]);
      expect(first).toEqual({ status: 'fulfilled', value: { ok: true, entrySeq: 1 } });
      expect(repeat).toEqual(first);
      expect(second).toEqual({ status: 'fulfilled', value: { ok: false, error: { code: 'already_acknowledged', message: 'again' } } });
      expect(broken).toMatchObject({ status: 'rejected', reason: { message: 'check failed' } });
      expect(after).toEqual({ status: 'fulfilled', value: { ok: true, entrySeq: 2 } });
      expect((await store.acks.trail(alert.id)).map((e) => e.userId)).toEqual(['u-1', 'u-2']);
      expect(await store.acks.outcome(draft(alert.id, 'acknowledged', 3).eventId)).toBeUndefined();
      expect(await verifyChain(store.acks)).toMatchObject({ ok: true, entries: 2 });
    });

    it('refuses to rewrite the logs through SQL', async () => {
      const { alert } = await store.alerts.ingest(makeHit(), new Date().toISOString());
      await store.acks.append(draft(alert.id, 'acknowledged', 1), () => undefined);
      await store.audit.add({ at: 'a', action: 'login', outcome: 'success', userId: null, username: null, source: null });
      await store.zones.put(zone('z1', CHICAGO), 'u-9', 't');
      await expect(db.raw("UPDATE ack_log SET hash = 'x'")).rejects.toThrow(/append-only/);
      await expect(db.raw('DELETE FROM ack_log')).rejects.toThrow(/append-only/);
      await expect(db.raw("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
      await expect(db.raw('DELETE FROM zone_history')).rejects.toThrow(/append-only/);
      expect(await verifyChain(store.acks)).toMatchObject({ ok: true, entries: 1 });
    });

    it('lets the chain check find the first entry edited by hand past the guard', async () => {
      const { alert } = await store.alerts.ingest(makeHit(), new Date().toISOString());
      for (let i = 1; i <= 3; i++) await store.acks.append(draft(alert.id, 'acknowledged', i, `u-${i}`), () => undefined);
      await db.raw(`${db.unguardAckLog}; UPDATE ack_log SET body = replace(body, 'user-u-2', 'user-u-9') WHERE seq = 2`);
      expect(await verifyChain(store.acks)).toMatchObject({ ok: false, firstBadSeq: 2, entries: 1 });
    });

    it('keeps zones with their history, the policy and preferences', async () => {
      expect(await store.policy.get()).toEqual(DEFAULT_POLICY);
      const created = await store.zones.put(zone('z2', CHICAGO), 'u-9', '2026-11-28T01:00:00.000Z');
      expect(created).toMatchObject({ change: 'created', before: null, zone: { id: 'z2', updatedBy: 'u-9' } });
      const updated = await store.zones.put({ ...zone('z2', CHICAGO), active: false }, 'u-8', '2026-11-28T02:00:00.000Z');
      expect(updated).toMatchObject({ change: 'updated', before: { active: true }, zone: { active: false, updatedBy: 'u-8' } });
      await store.zones.put(zone('z1', CHICAGO), 'u-9', '2026-11-28T03:00:00.000Z');
      expect((await store.zones.list()).map((z) => z.id)).toEqual(['z1', 'z2']);
      expect(await store.zones.remove('z2', 'u-7', '2026-11-28T04:00:00.000Z')).toMatchObject({ change: 'deleted', zone: null });
      expect(await store.zones.remove('z2', 'u-7', '2026-11-28T04:00:00.000Z')).toBeUndefined();
      expect(await store.zones.byId('z2')).toBeUndefined();
      expect((await store.zones.history('z2')).map((c) => c.change)).toEqual(['created', 'updated', 'deleted']);
      const policy = { ...DEFAULT_POLICY, replayWindowDays: 3 };
      await store.policy.put(policy);
      expect(await store.policy.get()).toEqual(policy);
      expect(await store.policy.preferences('u-1')).toBeUndefined();
      await store.policy.putPreferences('u-1', { categories: ['felony', 'stolen'] });
      await store.policy.putPreferences('u-1', { categories: ['amber'] });
      expect(await store.policy.preferences('u-1')).toEqual({ categories: ['amber'] });
    });

    it('keeps the security audit trail in order and a secret stable', async () => {
      await store.audit.add({ at: '2026-11-28T01:00:00.000Z', action: 'login', outcome: 'failure', userId: 'u-1', username: 'a', source: '127.0.0.1' });
      await store.audit.add({ at: '2026-11-28T02:00:00.000Z', action: 'lockout', outcome: 'refused', userId: null, username: 'a', source: null, detail: { n: 5 } });
      const all = await store.audit.list({ limit: 10 });
      expect(all.map((e) => e.action)).toEqual(['login', 'lockout']);
      expect(all[1]).toMatchObject({ detail: { n: 5 }, userId: null });
      expect((await store.audit.list({ limit: 10, action: 'lockout' })).map((e) => e.action)).toEqual(['lockout']);
      expect((await store.audit.list({ limit: 10, since: '2026-11-28T01:30:00.000Z' })).map((e) => e.action)).toEqual(['lockout']);
      const a = await store.secrets.getOrCreate('jwt', () => 'first');
      const b = await store.secrets.getOrCreate('jwt', () => 'second');
      expect([a, b]).toEqual(['first', 'first']);
    });
  });
}

contract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-contract-'));
  const store = openSqliteStore(dir);
  return {
    store,
    unguardAckLog: 'DROP TRIGGER ack_log_no_update',
    async raw(sql) {
      const other = new Database(dbPath(dir));
      try {
        other.exec(sql);
      } finally {
        other.close();
      }
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const services = scaleOutServices(true);
let cluster: PostgresCluster | undefined;

describe.skipIf(!services.ok && process.env.CI !== 'true')('Postgres', () => {
  beforeAll(async () => {
    requireServices(services, 'store contract (Postgres)');
    cluster = await PostgresCluster.start(services.pgBin!);
  });
  afterAll(async () => cluster?.stop());

  contract('Postgres', async () => {
    const url = await cluster!.createDatabase('contract');
    const store = await openPostgresStore(url);
    return {
      store,
      unguardAckLog: 'ALTER TABLE ack_log DISABLE TRIGGER ack_log_append_only',
      async raw(sql) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      close: () => store.close(),
    };
  });

  describe('shared by two hub nodes (two pools on one database)', () => {
    let nodes: PgHubStore[] = [];
    beforeAll(async () => {
      const url = await cluster!.createDatabase('twonodes');
      // Started together: the schema lock keeps the two first starts from racing.
      nodes = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    });
    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.close()));
    });

    it('numbers concurrent ingests on both nodes uniquely, visible in seq order from either', async () => {
      const [a, b] = nodes as [PgHubStore, PgHubStore];
      const seen: number[] = [];
      let done = false;
      const reader = (async () => {
        let last = 0;
        for (let turn = 0; !done; turn++) {
          for (const s of await (turn % 2 ? a : b).alerts.after(last, 1000)) {
            seen.push(s.seq);
            last = s.seq;
          }
        }
        for (const s of await a.alerts.after(last, 1000)) seen.push(s.seq);
      })();
      const results = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).alerts.ingest(makeHit(), new Date().toISOString())));
      done = true;
      await reader;
      const seqs = results.map((r) => r.seq).sort((x, y) => x - y);
      expect(new Set(seqs).size).toBe(80);
      expect(seen).toEqual(seqs);
      // The same hit sent to both nodes at once is stored once.
      const hit = makeHit();
      const [x, y] = await Promise.all([a.alerts.ingest(hit, 't'), b.alerts.ingest(hit, 't')]);
      expect(x.seq).toBe(y.seq);
      expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
    });

    it('keeps one chain when both nodes append at once, and tells each node of routing writes', async () => {
      const [a, b] = nodes as [PgHubStore, PgHubStore];
      const { alert } = await a.alerts.ingest(makeHit(), new Date().toISOString());
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).acks.append(draft(alert.id, 'acknowledged', 100 + i, `u-${i}`), (t) => firstAck(t, `u-${i}`))));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(await verifyChain(b.acks)).toMatchObject({ ok: true, entries: 30 });

      const heard: number[] = [];
      a.onRoutingWrite((v) => heard.push(v));
      const before = await b.routingVersion();
      await a.zones.put(zone('zz', CHICAGO), 'u-9', 't');
      await b.policy.put({ ...DEFAULT_POLICY });
      await a.policy.putPreferences('u-1', { categories: ['amber'] });
      expect(await b.routingVersion()).toBe(before + 3);
      expect(heard).toEqual([before + 1, before + 3]);
    });
  });
});

if (!services.ok && process.env.CI !== 'true') console.warn(`[store contract] Postgres skipped: ${services.reason}`);
