/**
 * Writes a supervisor's log of any size straight into a hub's SQLite folder, fast: 100,000 entries
 * in ~20 s, 1,000,000 in minutes, where the hub's own HTTP API and socket (review-seed.ts) make a
 * few dozen a second here. Entries are hashed and chained by the hub's own functions, so the chain
 * check passes; their `ack_facts` search rows are filled as the hub's append would.
 *
 * The history: 45 troopers (`bench-u-0` .. `bench-u-44`) in 3 units; each alert reaches 3-6 desks of
 * one unit; ~12% are never acknowledged, the rest acknowledged by one desk or two, mostly verified
 * (~25% not confirmed, ~6% verified twice), some acted on with a case number (`2026-NNNNNN`, the
 * alert's number) or closed. Seeded (mulberry32): the same options give the same plates, users and
 * steps (event ids are random). Used by the review-report and review-log benchmarks and the log's
 * 100,000-entry Playwright test.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { entryHash } from '../../../src/backend/audit/chain-hash.js';
import { dbPath, openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import { createReviewSchema } from '../../../src/backend/store/sqlite/review.js';
import { GENESIS_HASH, canonicalJson } from '../../../src/shared/chain.js';
import type { AckEntry, Category, Hit } from '../../../src/shared/protocol/index.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';

export const LOG_UNITS = ['Troop 1', 'Troop 2', 'Troop 3'] as const;

export interface LogFileOptions {
  /** Log entries to write (the last alert may add a few more). */
  entries: number;
  seed: number;
  /** Hub time of the first alert, and the span the alerts are spread over. */
  start: number;
  spanMs: number;
  /** Drawn from evenly; repeat one to make it likelier. */
  categories: readonly Category[];
  print?: (line: string) => void;
}

export interface LogFile {
  entries: number;
  alerts: number;
  /** The first few plates acknowledged and case numbers written, to search for. */
  plates: string[];
  cases: string[];
}

/** Writes the history into `dir` (a new hub data folder: the store makes its schema first). */
export async function writeReviewLog(dir: string, o: LogFileOptions): Promise<LogFile> {
  const store = openSqliteStore(dir);
  const troopers = Array.from({ length: 45 }, (_, i) => ({ id: `bench-u-${i}`, unit: LOG_UNITS[i % 3]! }));
  for (const u of troopers) {
    await store.users.add({
      id: u.id,
      username: u.id,
      displayName: u.id,
      roles: ['trooper'],
      unit: u.unit,
      passwordHash: 'scrypt$unusable',
      totpSecret: null,
      leadsCertifiedUntil: '2027-06-01T00:00:00.000Z',
      trainingCompletedAt: '2025-06-01T00:00:00.000Z',
      createdAt: new Date(o.start - 30 * 86_400_000).toISOString(),
    });
  }
  await store.close();
  const db = new Database(dbPath(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertAlert = db.prepare(
    'INSERT INTO alerts (id, hit, category, lat, lon, ingested_at) VALUES (?,?,?,?,?,?)',
  );
  const insertReceipt = db.prepare(
    'INSERT OR IGNORE INTO receipts (alert_id, user_id, client_id, received_at) VALUES (?,?,?,?)',
  );
  const insertEntry = db.prepare(
    'INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash) VALUES (?,?,?,?,?,?,?,?)',
  );
  const rnd = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const iso = (t: number) => new Date(t).toISOString();
  const plates: string[] = [];
  const cases: string[] = [];
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let n = 0;
  const began = Date.now();
  const oneAlert = (): void => {
    const t = o.start + (seq / o.entries) * o.spanMs;
    const unit = pick(LOG_UNITS);
    const plate = Array.from({ length: 7 }, () => pick([...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'])).join('');
    const hit: Hit = {
      id: `bench-${o.entries}-${++n}`,
      plate,
      plateState: 'IL',
      readAt: iso(t - 1000),
      location: { lat: 41.8, lon: -87.6 },
      camera: {
        id: 'cam-1',
        name: 'Camera 1',
        type: 'stationary',
        network: pick(['flock', 'isp', 'vehiclemanager'] as const),
      },
      category: pick(o.categories),
      hotlist: { source: pick(['NCIC', 'LEADS', 'SOS'] as const), plate, state: 'IL', reason: 'Bench entry' },
    };
    insertAlert.run(hit.id, JSON.stringify(hit), hit.category, hit.location.lat, hit.location.lon, iso(t));
    const desks = troopers
      .filter((u) => u.unit === unit)
      .sort(() => rnd() - 0.5)
      .slice(0, 3 + Math.floor(rnd() * 4));
    for (const d of desks) insertReceipt.run(hit.id, d.id, `desk-${d.id}`, iso(t + 300));
    if (rnd() < 0.12) return;
    if (plates.length < 10) plates.push(plate);
    for (const d of desks.slice(0, 1 + (rnd() < 0.35 ? 1 : 0))) {
      let at = t + 20_000 + rnd() * 200_000;
      const append = (step: Pick<AckEntry, 'type' | 'verification' | 'action' | 'close'>): void => {
        at += 30_000 + rnd() * 400_000;
        const entry = {
          eventId: randomUUID(),
          alertId: hit.id,
          at: iso(at),
          ...step,
          seq: ++seq,
          userId: d.id,
          username: d.id,
          clientId: `desk-${d.id}`,
          serverAt: iso(at),
          prevHash,
        };
        const hash = entryHash(prevHash, entry);
        insertEntry.run(
          seq,
          entry.eventId,
          hit.id,
          d.id,
          hit.category,
          entry.serverAt,
          canonicalJson(entry),
          hash,
        );
        prevHash = hash;
      };
      append({ type: 'acknowledged' });
      if (rnd() < 0.3) continue;
      const result = rnd() < 0.75 ? 'confirmed' : 'not_confirmed';
      append({
        type: 'verified',
        verification: { system: 'LEADS', result, plateMatchesImage: true, stateMatches: true },
      });
      if (rnd() < 0.06)
        append({
          type: 'verified',
          verification: { system: 'NCIC', result: 'confirmed', plateMatchesImage: true, stateMatches: true },
        });
      if (result === 'confirmed' && rnd() < 0.5) {
        const caseNumber = `2026-${String(n).padStart(6, '0')}`;
        if (cases.length < 10) cases.push(caseNumber);
        append({ type: 'action_taken', action: { kind: 'stop', caseNumber } });
      } else if (rnd() < 0.5)
        append({ type: 'closed', close: { reason: result === 'confirmed' ? 'cleared' : 'misread' } });
    }
  };
  const chunk = db.transaction(() => {
    for (let i = 0; i < 2000 && seq < o.entries; i++) oneAlert();
  });
  while (seq < o.entries) {
    chunk();
    if (n % 50_000 < 2000)
      o.print?.(
        `  seeding ${o.entries}: ${seq.toLocaleString('en-US')} entries, ${n.toLocaleString('en-US')} alerts, ${((Date.now() - began) / 1000).toFixed(0)} s`,
      );
  }
  // The hub fills a log entry's search row in its append transaction; written around it, fill them
  // here (a store at schema version 1 no longer refills them when it opens).
  createReviewSchema(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { entries: seq, alerts: n, plates, cases };
}
