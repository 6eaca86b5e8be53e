/**
 * The read-search and read-retention parts of the storage port (docs/protocol.md 1.1
 * `GET /reads`, retention), one contract run against SQLite and Postgres (a real cluster on
 * loopback; skipped with a message when Postgres is not installed, a failure under CI=true):
 * wildcard semantics against a plain oracle (seeded, replay with READ_SEARCH_SEED), domains kept
 * apart, newest first with keyset paging, read times in any zone compared as instants, a purge per
 * network that deletes reads in batches and counts their images, and an append-only search record.
 * SQLite's query plans are checked too: an exact plate never scans the reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { HubStore } from '../../src/backend/store/port.js';
import { PURGE_BATCH } from '../../src/backend/store/read-archive-port.js';
import { openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { searchSql } from '../../src/backend/store/sqlite/read-archive.js';
import { parsePlatePattern, plateFits } from '../../src/shared/plate-pattern.js';
import type { Read } from '../../src/shared/protocol/index.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { describePostgres, openPostgresAt, openTempSqlite } from '../support/store-suites.js';

const SEED = Number(process.env.READ_SEARCH_SEED ?? Date.now() % 1_000_000);
const BASE = Date.parse('2026-11-30T12:00:00.000Z');

function read(id: string, plate: string, minutesAgo: number, extra: Partial<Read> = {}): Read {
  return {
    id, plate, plateState: 'IL', readAt: new Date(BASE - minutesAgo * 60_000).toISOString(), location: { lat: 41.83, lon: -87.63 },
    camera: { id: 'cam-1', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    ...extra,
  };
}

const search = (store: HubStore, plate: string, extra: { domain?: 'general' | 'motor_carrier'; since?: string; until?: string; limit?: number; before?: { readAt: string; id: string } } = {}) =>
  store.readArchive.search({ pattern: parsePlatePattern(plate), domain: extra.domain ?? 'general', limit: extra.limit ?? 500, ...extra });

function readArchiveContract(name: string, open: () => Promise<{ store: HubStore; close(): Promise<void> }>): void {
  describe(`HubStore read search and retention (1.1): ${name}`, () => {
    it(`finds exactly the plates a pattern fits, newest first (seed ${SEED})`, async () => {
      console.log(`read search contract (${name}): READ_SEARCH_SEED=${SEED}`);
      const random = seededRandom(SEED);
      // A small alphabet so patterns find something; plates 2-7 characters.
      const letters = 'AB01Z9';
      const pick = () => letters[Math.floor(random() * letters.length)]!;
      const plates = Array.from({ length: 400 }, () => Array.from({ length: 2 + Math.floor(random() * 6) }, pick).join(''));
      const reads = plates.map((p, i) => read(`r${i}`, p, Math.floor(random() * 600)));
      const { store, close } = await open();
      try {
        await store.reads.record(reads, new Date(BASE).toISOString());
        for (let n = 0; n < 40; n++) {
          const base = plates[Math.floor(random() * plates.length)]!.split('');
          // Turn some characters into `?`, and a run into `*`, keeping at least two known ones.
          const chars = base.map((c) => (random() < 0.25 ? '?' : c));
          if (random() < 0.6) {
            const from = Math.floor(random() * chars.length);
            chars.splice(from, Math.floor(random() * 3), '*');
          }
          const text = chars.join('');
          if (text.replace(/[?*]/g, '').length < 2) continue;
          const pattern = parsePlatePattern(text);
          const want = reads
            .filter((r) => plateFits(pattern, r.plate))
            .sort((a, b) => (a.readAt === b.readAt ? (a.id < b.id ? 1 : -1) : a.readAt < b.readAt ? 1 : -1))
            .map((r) => r.id);
          const got = (await search(store, text)).map((f) => f.read.id);
          expect(got, `pattern ${text} (seed ${SEED})`).toEqual(want.slice(0, 500));
        }
      } finally {
        await close();
      }
    });

    it('keeps domains apart, compares read times as instants, pages newest first, answers reads without images', async () => {
      const { store, close } = await open();
      try {
        await store.reads.record(
          [
            read('g1', 'ABC1234', 10, { images: { plate: 'data:image/jpeg;base64,AAAA' } }),
            read('g2', 'ABC1234', 20),
            read('g3', 'ABC1234', 20),
            read('g4', 'ABC1234', 30),
            read('m1', 'ABC1234', 15, { domain: 'motor_carrier' }),
            // 12:00+02:00 is 10:00Z: two hours ago, whatever the text says.
            read('z1', 'ABC1234', 0, { readAt: '2026-11-30T12:00:00+02:00' }),
          ],
          new Date(BASE).toISOString(),
        );
        const all = await search(store, 'ABC1234');
        expect(all.map((f) => f.read.id)).toEqual(['g1', 'g3', 'g2', 'g4', 'z1']);
        expect(all[0]!.read).not.toHaveProperty('images');
        expect(all[4]!.read.readAt).toBe('2026-11-30T12:00:00+02:00');
        expect((await search(store, 'ABC*', { domain: 'motor_carrier' })).map((f) => f.read.id)).toEqual(['m1']);
        const window = { since: new Date(BASE - 125 * 60_000).toISOString(), until: new Date(BASE - 115 * 60_000).toISOString() };
        expect((await search(store, '*1234', window)).map((f) => f.read.id)).toEqual(['z1']);
        // Two at a time: the ties at 20 minutes ago split across pages without loss or repeat.
        const seen: string[] = [];
        let before: { readAt: string; id: string } | undefined;
        for (;;) {
          const page = await search(store, 'AB?1234', { limit: 2, ...(before ? { before } : {}) });
          seen.push(...page.map((f) => f.read.id));
          if (page.length < 2) break;
          before = { readAt: page[1]!.readAt, id: page[1]!.read.id };
        }
        expect(seen).toEqual(['g1', 'g3', 'g2', 'g4', 'z1']);
      } finally {
        await close();
      }
    });

    it('purges one network at a time in batches, counting images; the others stay', async () => {
      const { store, close } = await open();
      try {
        const old = Array.from({ length: PURGE_BATCH + 7 }, (_, i) =>
          read(`f${i}`, 'FL0CK', 60 * 24 * 40, { camera: { id: 'fl-1', name: 'Flock 1', type: 'stationary', network: 'flock' }, ...(i % 2 === 0 ? { images: { plate: 'data:image/jpeg;base64,AAAA' } } : {}) }),
        );
        await store.reads.record(old, new Date(BASE).toISOString());
        await store.reads.record([read('young', 'FL0CK', 10, { camera: { id: 'fl-1', name: 'Flock 1', type: 'stationary', network: 'flock' } }), read('isp-old', 'FL0CK', 60 * 24 * 40)], new Date(BASE).toISOString());
        const cut = new Date(BASE - 30 * 24 * 3600_000).toISOString();
        expect(await store.readArchive.purge('flock', cut)).toEqual({ network: 'flock', before: cut, reads: PURGE_BATCH + 7, images: Math.ceil((PURGE_BATCH + 7) / 2) });
        expect((await search(store, 'FL0CK')).map((f) => f.read.id)).toEqual(['young', 'isp-old']);
        expect(await store.readArchive.purge('flock', cut)).toEqual({ network: 'flock', before: cut, reads: 0, images: 0 });
        expect(await store.reads.count()).toBe(2);
      } finally {
        await close();
      }
    });

    it('records searches append-only, newest first, by user and time', async () => {
      const { store, close } = await open();
      try {
        const s = (at: string, userId: string) => ({ at, userId, username: `u-${userId}`, domain: 'general' as const, plate: 'AB*', since: null, until: null, purpose: 'stolen vehicle follow-up', caseNumber: '2026-00123', results: 3 });
        const first = await store.readSearches.add(s('2026-11-02T10:00:00.000Z', 'a'));
        expect(first).toEqual({ id: expect.any(Number), ...s('2026-11-02T10:00:00.000Z', 'a') });
        await store.readSearches.add(s('2026-11-20T10:00:00.000Z', 'b'));
        await store.readSearches.add(s('2026-12-01T00:00:00.000Z', 'a'));
        expect((await store.readSearches.list({ limit: 10 })).map((r) => [r.userId, r.at])).toEqual([
          ['a', '2026-12-01T00:00:00.000Z'], ['b', '2026-11-20T10:00:00.000Z'], ['a', '2026-11-02T10:00:00.000Z'],
        ]);
        expect((await store.readSearches.list({ userId: 'a', limit: 1 })).map((r) => r.at)).toEqual(['2026-12-01T00:00:00.000Z']);
        const top = (await store.readSearches.list({ limit: 1 }))[0]!;
        expect((await store.readSearches.list({ beforeId: top.id, limit: 10 })).length).toBe(2);
        expect((await store.readSearches.searchers('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).sort()).toEqual(['a', 'b']);
      } finally {
        await close();
      }
    });
  });
}

readArchiveContract('SQLite', async () => openTempSqlite('opentas-read-archive-'));

describe('SQLite read search query plans', () => {
  it('an exact plate and a known prefix use the plate index; a leading wildcard walks the time index, never the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-read-plan-'));
    const store = openSqliteStore(dir);
    const db = new Database(join(dir, 'hub.sqlite'), { readonly: true });
    try {
      const plan = (plate: string, window = true) => {
        const { sql, params } = searchSql({ pattern: parsePlatePattern(plate), domain: 'general', limit: 100, ...(window ? { since: '2026-11-01T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' } : {}) });
        return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      };
      expect(plan('ABC1234')).toMatch(/SEARCH reads USING INDEX reads_plate \(plate=\? AND read_at>\? AND read_at<\?\)/);
      expect(plan('ABC1234', false)).toMatch(/SEARCH reads USING INDEX reads_plate \(plate=\?\)/);
      expect(plan('AB?12*')).toMatch(/SEARCH reads USING INDEX reads_plate \(plate>\? AND plate<\?\)|USING INDEX reads_time_plate \(read_at>\? AND read_at<\?\)/);
      expect(plan('*1234')).toMatch(/SEARCH reads USING INDEX reads_time_plate \(read_at>\? AND read_at<\?\)/);
      for (const p of ['ABC1234', 'AB?12*', '*1234']) expect(plan(p)).not.toMatch(/SCAN reads(?! USING)/);
      // The search record is append-only: the store refuses to rewrite or drop a search.
      const writer = new Database(join(dir, 'hub.sqlite'));
      writer.prepare("INSERT INTO read_searches (at, user_id, username, domain, plate, purpose, case_number, results) VALUES ('2026-11-30T00:00:00.000Z', 'u', 'u', 'general', 'AB*', 'p', 'c', 0)").run();
      expect(() => writer.prepare("UPDATE read_searches SET results = 9").run()).toThrow(/append-only/);
      expect(() => writer.prepare('DELETE FROM read_searches').run()).toThrow(/append-only/);
      writer.close();
    } finally {
      db.close();
      void store.close().then(() => rmSync(dir, { recursive: true, force: true }));
    }
  });
});


describePostgres('store read-archive contract (Postgres)', (database) => {
  readArchiveContract('Postgres', async () => {
    return openPostgresAt(await database('read_archive'));
  });
});
