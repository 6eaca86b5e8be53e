/**
 * The SQLite log's search rows (`ack_facts`) follow the appends a few hundred entries at a time and
 * when appends pause (src/backend/store/sqlite/acks.ts), not inside every batch. What must not
 * change for the supervisor: an entry is found by the log search as soon as its append has
 * answered, by the unit its author had when it was written, even when that unit changes right after
 * and before the search rows caught up; and a store closes with them caught up.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AckDraft, HubStore, NewUser } from '../../src/backend/store/port.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';

const user = (id: string, unit: string): NewUser => ({
  id, username: id, displayName: id, roles: ['trooper'], unit, passwordHash: 'x', totpSecret: null,
  leadsCertifiedUntil: '2030-01-01T00:00:00.000Z', trainingCompletedAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z',
});

let n = 0;
const draft = (userId: string): AckDraft => {
  const at = new Date(Date.UTC(2026, 10, 1) + n++ * 1000).toISOString();
  return { eventId: randomUUID(), alertId: `facts-alert-${n}`, type: 'acknowledged', at, userId, username: userId, clientId: 'desk', serverAt: at };
};

async function append(store: HubStore, userId: string, count: number): Promise<void> {
  const outcomes = await Promise.all(Array.from({ length: count }, () => store.acks.append(draft(userId), () => undefined)));
  expect(outcomes.every((o) => o.ok)).toBe(true);
}

const units = async (store: HubStore, userId: string) =>
  (await store.review.searchAcks({ userId, order: 'asc', limit: 10_000 })).map((r) => r.unit);

describe('the log search rows behind the appends', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds each entry as soon as it is appended, by the unit its author had then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-facts-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    try {
      await store.users.add(user('u-a', 'Troop 3'));
      await store.users.add(user('u-b', 'Troop 5'));
      await append(store, 'u-a', 3); // far fewer than a catch-up's mark: still behind
      expect(await units(store, 'u-a')).toEqual(['Troop 3', 'Troop 3', 'Troop 3']);

      await append(store, 'u-a', 2);
      await store.users.update('u-a', { unit: 'Troop 9' }); // before any read or pause caught them up
      await append(store, 'u-a', 1);
      expect(await units(store, 'u-a')).toEqual(['Troop 3', 'Troop 3', 'Troop 3', 'Troop 3', 'Troop 3', 'Troop 9']);
      expect((await store.review.searchAcks({ unit: 'Troop 9', order: 'asc', limit: 100 })).length).toBe(1);

      // Many appends in flight at once (past the mark, in several batches), then a unit change.
      await append(store, 'u-b', 700);
      await store.users.update('u-b', { unit: 'Troop 7' });
      expect(new Set(await units(store, 'u-b'))).toEqual(new Set(['Troop 5']));
      expect((await units(store, 'u-b')).length).toBe(700);
    } finally {
      await store.close();
    }
  });

  it('closes with the search rows caught up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-facts-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    await store.users.add(user('u-c', 'Troop 1'));
    await append(store, 'u-c', 40);
    await store.close();
    const db = new Database(dbPath(dir), { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) FROM ack_facts WHERE user_id = 'u-c' AND unit = 'Troop 1'").pluck().get()).toBe(40);
    } finally {
      db.close();
    }
  });
});
