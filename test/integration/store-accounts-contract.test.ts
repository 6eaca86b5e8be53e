/**
 * The account side of the HubStore contract added in 1.1, on SQLite and on Postgres (a real
 * cluster on loopback; skipped with a message when not installed, a failure under CI=true):
 * failure counting that holds under concurrency (one SQL statement), the sign-in that loses to a
 * lock, the session allow-list and its ends, account changes, one-use TOTP steps, revocable
 * ingest keys; and the upgrade of a data folder written before 1.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/backend/audit/audit-chain.js';
import type { FailureRule, HubStore, NewUser } from '../../src/backend/store/port.js';
import { openPostgresStore } from '../../src/backend/store/postgres/index.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';

const user = (n: number, extra: Partial<NewUser> = {}): NewUser => ({
  id: `u-${n}`, username: `Trooper${n}`, displayName: `Trooper ${n}`, roles: ['trooper'], unit: 'Troop 3',
  passwordHash: 'scrypt$x', totpSecret: null, leadsCertifiedUntil: '2028-01-01T00:00:00.000Z',
  trainingCompletedAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-11-28T00:00:00.000Z', ...extra,
});

const T0 = Date.parse('2026-11-30T03:00:00.000Z');
const rule = (atMs: number): FailureRule => ({
  now: new Date(atMs).toISOString(),
  windowStart: new Date(atMs - 15 * 60_000).toISOString(),
  lockUntil: new Date(atMs + 15 * 60_000).toISOString(),
  max: 5,
});

function accountsContract(name: string, open: () => Promise<{ store: HubStore; close(): Promise<void> }>): void {
  describe(`HubStore accounts contract (1.1): ${name}`, () => {
    let store: HubStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => close());

    it('counts 40 concurrent failures, each once; exactly one of them sets the lock', async () => {
      await store.users.add(user(1));
      const states = await Promise.all(Array.from({ length: 40 }, () => store.users.recordFailure('u-1', rule(T0))));
      expect(states.map((s) => s.failedCount).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(states.filter((s) => s.failedCount >= 5).map((s) => s.lockedUntil))).toEqual(new Set([rule(T0).lockUntil]));
      expect(states.filter((s) => s.failedCount < 5).every((s) => s.lockedUntil === null)).toBe(true);
      expect(await store.users.byId('u-1')).toMatchObject({ failedCount: 40, lockedUntil: rule(T0).lockUntil });
      // Locked: a sign-in loses; once the lock has passed it wins and clears the count.
      expect(await store.users.recordSignIn('u-1', new Date(T0 + 60_000).toISOString())).toBe(false);
      expect(await store.users.recordSignIn('u-1', new Date(T0 + 16 * 60_000).toISOString())).toBe(true);
      expect(await store.users.byId('u-1')).toMatchObject({ failedCount: 0, lockedUntil: null, lastLoginAt: new Date(T0 + 16 * 60_000).toISOString() });
    });

    it('restarts the count once the 15-minute window has passed', async () => {
      await store.users.add(user(1));
      for (let i = 0; i < 4; i++) await store.users.recordFailure('u-1', rule(T0));
      const later = await store.users.recordFailure('u-1', rule(T0 + 16 * 60_000));
      expect(later).toEqual({ failedCount: 1, firstFailedAt: new Date(T0 + 16 * 60_000).toISOString(), lockedUntil: null });
    });

    it('keeps sessions as an allow-list: unknown and ended ones are not active; ends say why', async () => {
      await store.sessions.start({ id: 's1', userId: 'u-1', createdAt: 't1' });
      await store.sessions.start({ id: 's2', userId: 'u-1', createdAt: 't1' });
      await store.sessions.start({ id: 's3', userId: 'u-1', createdAt: 't1' });
      await store.sessions.start({ id: 'x1', userId: 'u-2', createdAt: 't1' });
      expect(await store.sessions.isActive('s1')).toBe(true);
      expect(await store.sessions.isActive('never-issued')).toBe(false);
      expect(await store.sessions.isRevoked('s3')).toBe(false);
      await store.sessions.revokeFamily('s3', 't2', 'logout');
      expect(await store.sessions.isRevoked('s3')).toBe(true);
      expect((await store.sessions.endForUser('u-1', 't3', 'password_changed', 's1')).sort()).toEqual(['s2']);
      expect(await store.sessions.isActive('s1')).toBe(true);
      expect(await store.sessions.isActive('x1')).toBe(true);
      expect((await store.sessions.ended(['s1', 's2', 's3', 'x1', 'unknown'])).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 's2', reason: 'password_changed' },
        { id: 's3', reason: 'logout' },
      ]);
      // An end is final: ending again keeps the first reason.
      await store.sessions.revokeFamily('s2', 't4', 'disabled');
      expect(await store.sessions.ended(['s2'])).toEqual([{ id: 's2', reason: 'password_changed' }]);
      expect(await store.sessions.endForUser('u-1', 't5', 'disabled')).toEqual(['s1']);
      expect(await store.sessions.ended([])).toEqual([]);
    });

    it('answers which of 2,500 open sessions ended, in one question (the session watch asks every second)', async () => {
      const ids = Array.from({ length: 2_500 }, (_, i) => `open-${i}`);
      for (const id of ids) await store.sessions.start({ id, userId: 'u-9', createdAt: 't1' });
      for (const i of [0, 499, 500, 1_234, 2_499]) await store.sessions.revokeFamily(ids[i]!, 't2', 'revoked');
      const asked = [...ids, 'never-issued', "it's \"odd\""];
      expect((await store.sessions.ended(asked)).map((e) => e.id).sort()).toEqual(['open-0', 'open-1234', 'open-2499', 'open-499', 'open-500']);
    });

    it('changes accounts: admin fields, password, TOTP enrolment, one-use TOTP steps', async () => {
      await store.users.add(user(1, { domain: 'motor_carrier', mustChangePassword: true }));
      expect(await store.users.byId('u-1')).toMatchObject({ disabled: false, domain: 'motor_carrier', mustChangePassword: true, totpLastStep: null, lastLoginAt: null });
      const changed = await store.users.update('u-1', { displayName: 'Sgt. One', roles: ['trooper', 'supervisor'], unit: null, disabled: true, domain: 'general' });
      expect(changed).toMatchObject({ displayName: 'Sgt. One', roles: ['trooper', 'supervisor'], unit: null, disabled: true, domain: 'general', username: 'Trooper1' });
      expect(await store.users.update('u-nobody', { disabled: true })).toBeUndefined();
      await store.users.setPassword('u-1', 'scrypt$new', false);
      expect(await store.users.byId('u-1')).toMatchObject({ passwordHash: 'scrypt$new', mustChangePassword: false });
      const swaps = await Promise.all([1, 2, 3].map((n) => store.users.swapPasswordHash('u-1', 'scrypt$new', `spent-${n}`)));
      expect(swaps.filter(Boolean)).toHaveLength(1);
      expect((await store.users.byId('u-1'))?.passwordHash).toMatch(/^spent-\d$/);
      await store.users.setTotp('u-1', { pending: 'sealed1:pending' });
      expect(await store.users.byId('u-1')).toMatchObject({ totpSecret: null, totpPendingSecret: 'sealed1:pending' });
      await store.users.setTotp('u-1', { confirmed: 'sealed1:pending' });
      expect(await store.users.byId('u-1')).toMatchObject({ totpSecret: 'sealed1:pending', totpPendingSecret: null });
      expect(await store.users.useTotpStep('u-1', 100)).toBe(true);
      expect(await store.users.useTotpStep('u-1', 100)).toBe(false);
      expect(await store.users.useTotpStep('u-1', 99)).toBe(false);
      const race = await Promise.all(Array.from({ length: 10 }, () => store.users.useTotpStep('u-1', 101)));
      expect(race.filter(Boolean)).toHaveLength(1);
      expect((await store.users.byId('u-1'))?.totpLastStep).toBe(101);
    });

    it('revokes ingest keys: a revoked key never matches and is not listed; last use is kept', async () => {
      await store.keys.add({ id: 'k-1', name: 'vendor', keyHash: 'h1', createdAt: '2026-11-28T00:00:00.000Z' });
      await store.keys.add({ id: 'k-2', name: 'other', keyHash: 'h2', createdAt: '2026-11-28T01:00:00.000Z' });
      await store.keys.touch('k-1', '2026-11-29T00:00:00.000Z');
      expect(await store.keys.list()).toEqual([
        { id: 'k-1', name: 'vendor', keyHash: 'h1', createdAt: '2026-11-28T00:00:00.000Z', lastUsedAt: '2026-11-29T00:00:00.000Z' },
        { id: 'k-2', name: 'other', keyHash: 'h2', createdAt: '2026-11-28T01:00:00.000Z' },
      ]);
      expect(await store.keys.revoke('k-1', '2026-11-30T00:00:00.000Z')).toBe(true);
      expect(await store.keys.revoke('k-1', '2026-11-30T00:00:00.000Z')).toBe(false);
      expect(await store.keys.revoke('k-nope', '2026-11-30T00:00:00.000Z')).toBe(false);
      expect(await store.keys.byHash('h1')).toBeUndefined();
      expect((await store.keys.list()).map((k) => k.id)).toEqual(['k-2']);
    });

    it('hash-chains the security audit trail, also under concurrent appends', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) =>
        store.audit.add({ at: `2026-11-30T03:00:${String(i).padStart(2, '0')}.000Z`, action: 'login', outcome: 'failure', userId: null, username: `u${i}`, source: '10.0.0.1', ...(i % 2 ? { detail: { n: i, b: 'x' } } : {}) })));
      const rows = await store.audit.chain(0, 100);
      expect(rows).toHaveLength(20);
      expect(rows[0]?.prevHash).toBe('0'.repeat(64));
      rows.forEach((r, i) => i > 0 && expect(r.prevHash).toBe(rows[i - 1]?.hash));
      expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 20, head: rows[19]?.hash });
      expect((await store.audit.chain(rows[9]!.id, 100)).map((r) => r.id)).toEqual(rows.slice(10).map((r) => r.id));
    });

    it('removes a secret', async () => {
      await store.secrets.getOrCreate('old', () => 'v1');
      await store.secrets.remove('old');
      expect(await store.secrets.getOrCreate('old', () => 'v2')).toBe('v2');
    });
  });
}

accountsContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-accounts-contract-'));
  const store = openSqliteStore(dir);
  return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('a SQLite data folder written before 1.1', () => {
  it('gains the account columns, keeps its users, and keeps live refresh families signed in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-upgrade-'));
    try {
      const old = new Database(dbPath(dir));
      old.exec(`
        CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
          roles TEXT NOT NULL, unit TEXT, password_hash TEXT NOT NULL, totp_secret TEXT, leads_certified_until TEXT NOT NULL,
          training_completed_at TEXT NOT NULL, failed_count INTEGER NOT NULL DEFAULT 0, first_failed_at TEXT, locked_until TEXT,
          created_at TEXT NOT NULL);
        CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_id TEXT NOT NULL,
          created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT);
        CREATE TABLE revoked_families (family_id TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
        CREATE TABLE ingest_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
        INSERT INTO users VALUES ('u-1','old1','Old One','["trooper"]',NULL,'scrypt$x',NULL,'2028-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z',0,NULL,NULL,'2025-01-01T00:00:00.000Z');
        INSERT INTO refresh_tokens VALUES ('t1','live','u-1','2026-11-01T00:00:00.000Z','2026-11-02T00:00:00.000Z',NULL);
        INSERT INTO refresh_tokens VALUES ('t2','gone','u-1','2026-11-01T00:00:00.000Z','2026-11-02T00:00:00.000Z',NULL);
        INSERT INTO revoked_families VALUES ('gone','2026-11-01T01:00:00.000Z');
        INSERT INTO ingest_keys VALUES ('k-1','vendor','h1','2025-01-01T00:00:00.000Z');
      `);
      old.close();
      for (let start = 0; start < 2; start++) {
        // Twice: the upgrade is idempotent.
        const store = openSqliteStore(dir);
        expect(await store.users.byId('u-1')).toMatchObject({ username: 'old1', disabled: false, domain: 'general', mustChangePassword: false });
        expect(await store.sessions.isActive('live')).toBe(true);
        expect(await store.sessions.isActive('gone')).toBe(false);
        expect(await store.keys.byHash('h1')).toEqual({ id: 'k-1', name: 'vendor', keyHash: 'h1', createdAt: '2025-01-01T00:00:00.000Z' });
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const services = scaleOutServices(true);
let cluster: PostgresCluster | undefined;

describe.skipIf(!services.ok && process.env.CI !== 'true')('Postgres', () => {
  beforeAll(async () => {
    requireServices(services, 'store accounts contract (Postgres)');
    cluster = await PostgresCluster.start(services.pgBin!);
  });
  afterAll(async () => cluster?.stop());

  accountsContract('Postgres', async () => {
    const store = await openPostgresStore(await cluster!.createDatabase('accounts'));
    return { store, close: () => store.close() };
  });
});
