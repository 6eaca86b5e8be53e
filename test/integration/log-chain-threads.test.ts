/**
 * The acknowledgement log's chain check on worker threads (src/backend/store/sqlite/chain-check.ts):
 * the log cut into stretches, each checked on its own thread, must give exactly the answer of the
 * check in process and of the reference check through the store port (first bad seq, entries before
 * it, head and reason) for a clean log and for every kind of tampering, wherever it falls: inside a
 * stretch, at a seam, the last entry; an edited body, an edited hash, a deleted entry, two entries
 * swapped, another serialisation of the same entry (accepted). Real SQLite files, real threads.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, verifyChainByPages } from '../../src/backend/audit/chain-verifier.js';
import type { ChainReport } from '../../src/backend/audit/chain-stretch.js';
import type { AckDraft, AckLogRow } from '../../src/backend/store/port.js';
import { STRETCH_MIN, THREADS_FROM, checkChainInProcess, checkChainOnThreads, stretchLength } from '../../src/backend/store/sqlite/chain-check.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { runCli } from '../support/hub.js';

const ENTRIES = 1200;
// Stretches 1-400, 401-800, 801-1200, shared by two threads (each takes the next one left).
const THREADS = 2;
const STRETCH = 400;

type Tamper = (db: Database.Database) => void;

function draft(i: number): AckDraft {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  const base = { eventId: randomUUID(), alertId: `chain-alert-${Math.floor(i / 2)}`, at, userId: `u-${i % 7}`, username: `trooper.${i % 7}`, clientId: 'desk-1', serverAt: at };
  return i % 2 === 0
    ? { ...base, type: 'acknowledged' }
    : { ...base, type: 'verified', verification: { system: 'LEADS', result: 'confirmed', plateMatchesImage: true, stateMatches: true, note: 'ünïcode ✓ 🚓' } };
}

const row = (db: Database.Database, seq: number) => db.prepare('SELECT body, hash FROM ack_log WHERE seq = ?').get(seq) as { body: string; hash: string };
const set = (db: Database.Database, seq: number, body: string, hash: string) => db.prepare('UPDATE ack_log SET body = ?, hash = ? WHERE seq = ?').run(body, hash, seq);
const editBody: (seq: number) => Tamper = (seq) => (db) => {
  const r = row(db, seq);
  set(db, seq, r.body.replace('"username":"trooper.', '"username":"tr00per.'), r.hash);
};
const editHash: (seq: number) => Tamper = (seq) => (db) => set(db, seq, row(db, seq).body, 'f'.repeat(64));
const remove: (seq: number) => Tamper = (seq) => (db) => db.prepare('DELETE FROM ack_log WHERE seq = ?').run(seq);
const swap: (seq: number) => Tamper = (seq) => (db) => {
  const a = row(db, seq);
  const b = row(db, seq + 1);
  set(db, seq, b.body, b.hash);
  set(db, seq + 1, a.body, a.hash);
};
/** The same entry written another way (spaces, keys unsorted): the hash is over the canonical form, so it still holds. */
const reserialise: (seq: number) => Tamper = (seq) => (db) => {
  const r = row(db, seq);
  const entry = JSON.parse(r.body) as Record<string, unknown>;
  set(db, seq, JSON.stringify(Object.fromEntries(Object.entries(entry).reverse()), null, 1), r.hash);
};

describe('the chain check on worker threads', () => {
  const dirs: string[] = [];
  let clean: string;
  let reference: ChainReport;

  /** A copy of the clean log with `tamper` applied (the append-only triggers dropped for it). */
  function tampered(...tampers: Tamper[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-chain-threads-'));
    dirs.push(dir);
    copyFileSync(clean, join(dir, 'hub.sqlite'));
    const db = new Database(join(dir, 'hub.sqlite'));
    db.exec('DROP TRIGGER ack_log_no_update; DROP TRIGGER ack_log_no_delete');
    for (const t of tampers) t(db);
    db.close();
    return join(dir, 'hub.sqlite');
  }

  /** The three checks of one file; they must agree. */
  async function checkAll(file: string, stretch = STRETCH): Promise<ChainReport> {
    const db = new Database(file, { readonly: true });
    try {
      const last = (db.prepare('SELECT MAX(seq) FROM ack_log').pluck().get() as number) ?? 0;
      const threads = await checkChainOnThreads(db, last, THREADS, stretch);
      const inProcess = await checkChainInProcess(db);
      const byPages = await verifyChainByPages({
        rows: async (after, limit) => db.prepare('SELECT seq, body, hash FROM ack_log WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as AckLogRow[],
      });
      expect(inProcess).toEqual(byPages);
      expect(threads).toEqual(byPages);
      return threads;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-chain-threads-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    for (let i = 0; i < ENTRIES; i++) {
      const outcome = await store.acks.append(draft(i), () => undefined);
      expect(outcome.ok).toBe(true);
    }
    reference = await verifyChainByPages(store.acks);
    await store.close();
    clean = dbPath(dir);
  }, 120_000);

  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives the check in process its answer for a clean log', async () => {
    expect(reference).toMatchObject({ ok: true, entries: ENTRIES });
    expect(await checkAll(clean)).toEqual(reference);
  });

  it.each([
    ['an edited body inside the first stretch', editBody(200), 200, 'the hash does not match the entry'],
    ['an edited body inside the middle stretch', editBody(600), 600, 'the hash does not match the entry'],
    ['an edited body inside the last stretch', editBody(1000), 1000, 'the hash does not match the entry'],
    ['an edited body, last of a stretch', editBody(400), 400, 'the hash does not match the entry'],
    ['an edited body, first of a stretch', editBody(401), 401, 'the hash does not match the entry'],
    ['an edited body, the log\'s first entry', editBody(1), 1, 'the hash does not match the entry'],
    ['an edited body, the log\'s last entry', editBody(1200), 1200, 'the hash does not match the entry'],
    ['an edited hash, last of a stretch', editHash(800), 800, 'the hash does not match the entry'],
    ['an edited hash, first of a stretch', editHash(801), 801, 'the hash does not match the entry'],
    ['an entry deleted inside a stretch', remove(600), 600, 'entry 600 is missing'],
    ['an entry deleted, last of a stretch', remove(400), 400, 'entry 400 is missing'],
    ['an entry deleted, first of a stretch', remove(401), 401, 'entry 401 is missing'],
    ['two entries swapped inside a stretch', swap(650), 650, 'the entry names another seq'],
    ['two entries swapped across a seam', swap(400), 400, 'the entry names another seq'],
  ])('finds %s, with its seq', async (_name, tamper, seq, reason) => {
    const report = await checkAll(tampered(tamper));
    expect(report).toMatchObject({ ok: false, firstBadSeq: seq, entries: seq - 1, reason });
  });

  it('names the earliest of two tamperings in different stretches', async () => {
    const report = await checkAll(tampered(editBody(1100), editHash(300)));
    expect(report).toMatchObject({ ok: false, firstBadSeq: 300, entries: 299 });
  });

  it('hands every stretch to one thread once, with many short ones (24 of 50 entries)', async () => {
    expect(await checkAll(clean, 50)).toEqual(reference);
    const report = await checkAll(tampered(editBody(1151), remove(777)), 50);
    expect(report).toMatchObject({ ok: false, firstBadSeq: 777, entries: 776, reason: 'entry 777 is missing' });
  });

  it('accepts another serialisation of the same entry, at a seam and inside a stretch', async () => {
    const report = await checkAll(tampered(reserialise(401), reserialise(999)));
    expect(report).toEqual(reference);
  });

  it('finds a tampering anywhere (random seq and kind; replay with CHAIN_SEED)', async () => {
    const seed = Number(process.env.CHAIN_SEED ?? Date.now() % 1_000_000);
    console.log(`chain threads: seed ${seed}`);
    let state = seed;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const kinds = [editBody, editHash, remove, swap] as const;
    for (let round = 0; round < 4; round++) {
      const seq = 1 + next(ENTRIES - 1);
      const kind = next(kinds.length);
      const report = await checkAll(tampered(kinds[kind]!(seq)));
      expect(report, `seed ${seed} round ${round}: kind ${kind} at ${seq}`).toMatchObject({ ok: false, firstBadSeq: seq, entries: seq - 1 });
    }
  });

  it('is what `opentas-hub audit verify` runs on a long log (the built CLI, threads beside it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-chain-threads-cli-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    const n = THREADS_FROM + 50;
    // Appends through the store, a batch in flight at a time: the log the hub itself writes.
    for (let i = 0; i < n; i += 500) {
      const batch = Array.from({ length: Math.min(500, n - i) }, (_, k) => store.acks.append(draft(i + k), () => undefined));
      expect((await Promise.all(batch)).every((o) => o.ok)).toBe(true);
    }
    expect(await verifyChain(store.acks)).toMatchObject({ ok: true, entries: n });
    await store.close();
    const ok = await runCli(['audit', 'verify', '--data', dir]);
    expect(ok.stdout).toMatch(new RegExp(`^ok: ${n} entries`));

    const db = new Database(dbPath(dir));
    db.exec('DROP TRIGGER ack_log_no_update');
    expect(stretchLength(n, 2)).toBe(STRETCH_MIN);
    editBody(STRETCH_MIN + 1)(db); // the first entry of the second stretch
    db.close();
    const broken = await runCli(['audit', 'verify', '--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`chain broken at seq ${STRETCH_MIN + 1}: the hash does not match the entry`));
  }, 180_000);
});
