/**
 * Reads by day (issue 11, docs/adr/0028), one contract run against SQLite and Postgres (a real
 * cluster on loopback; skipped with a message when Postgres is not installed, a failure under
 * CI=true): a read lands in its day's partition, and a read days off (a camera clock wrong by
 * years) still lands and is found; a read id is the idempotency key across day boundaries and
 * across the DEFAULT partition; retention drops a day every network is done with whole and purges
 * a shorter-retention network's reads row by row in the days it keeps, reporting both; a read sent
 * again after its purge is taken as new, as before the partitions. Postgres only: a database at
 * schema version 4 holding reads is migrated with every row, search, count and duplicate intact;
 * two nodes making and dropping the same days at once do each once; `opentas-hub retention run` says
 * how many days it dropped.
 *
 * The days are in 2024 (a leap day among them), far from the days ahead that opening a store makes
 * from the real clock, so the test means the same on any date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { SecurityLog } from '../../src/backend/audit/security-log.js';
import { RetentionJob } from '../../src/backend/retention/retention-job.js';
import type { HubStore } from '../../src/backend/store/port.js';
import { openPostgresStore } from '../../src/backend/store/postgres/index.js';
import { PG_MIGRATIONS, migratePostgres } from '../../src/backend/store/postgres/migrations.js';
import { parsePlatePattern } from '../../src/shared/plate-pattern.js';
import type { Read } from '../../src/shared/protocol/index.js';
import { runCli } from '../support/hub.js';
import { HubTestClock } from '../support/hub-clock.js';
import { describePostgres, openTempSqlite } from '../support/store-suites.js';

const NOW = Date.parse('2024-03-01T12:00:00.000Z');
const DAY = 24 * 3600_000;
const ISP = { id: 'isp-1', name: 'I-55 SB @ MP 210', type: 'expressway', network: 'isp' } as const;
const FLOCK = { id: 'fl-1', name: 'Flock 1', type: 'stationary', network: 'flock' } as const;
const IMAGE = { images: { plate: 'data:image/jpeg;base64,AAAA' } };

const read = (id: string, readAt: string | number, extra: Partial<Read> = {}): Read => ({
  id, plate: 'DAY1234', plateState: 'IL', readAt: typeof readAt === 'number' ? new Date(readAt).toISOString() : readAt,
  location: { lat: 41.83, lon: -87.63 }, camera: ISP, ...extra,
});

interface Opened {
  store: HubStore;
  /** Postgres: the partition holding each read id (`reads_d20240301`, `reads_default`). */
  partitions?: () => Promise<Record<string, string>>;
  close(): Promise<void>;
}

const found = async (store: HubStore): Promise<string[]> =>
  (await store.readArchive.search({ pattern: parsePlatePattern('DAY1234'), domain: 'general', limit: 100 })).map((f) => f.read.id);
const received = new Date(NOW).toISOString();

function readDaysContract(name: string, open: () => Promise<Opened>): void {
  describe(`HubStore reads by day: ${name}`, () => {
    it("a read lands in its day's partition; one from a camera clock years off still lands, is found, and moves to its day's partition when that is made", async () => {
      const { store, partitions, close } = await open();
      try {
        // The day before NOW and two ahead, then NOW's third: 2024-02-29 to 2024-03-03.
        expect(await store.readArchive.days?.prepare(new Date(NOW - DAY))).toEqual(partitions && ['2024-02-29', '2024-03-01', '2024-03-02']);
        expect(await store.readArchive.days?.prepare(new Date(NOW))).toEqual(partitions && ['2024-03-03']);
        await store.reads.record([
          read('leap-last', '2024-02-29T23:59:59.999Z'),
          read('march-first', '2024-03-01T00:00:00.000Z'),
          // 01:00 at +05:00 is 20:00Z the day before: the day is the instant's, in UTC.
          read('offset', '2024-03-01T01:00:00+05:00'),
          read('ahead', '2024-03-05T08:00:00.000Z'),
          read('future', '2031-06-01T00:00:00.000Z'),
          read('past', '1999-12-31T23:59:59.000Z'),
        ], received);
        expect(await found(store)).toEqual(['future', 'ahead', 'march-first', 'leap-last', 'offset', 'past']);
        expect(await store.reads.count()).toBe(6);
        if (!partitions) return;
        expect(await partitions()).toEqual({
          'leap-last': 'reads_d20240229', 'march-first': 'reads_d20240301', offset: 'reads_d20240229',
          ahead: 'reads_default', future: 'reads_default', past: 'reads_default',
        });
        // Four days later the day of the fast camera's read gets its partition, and the read goes with it.
        expect(await store.readArchive.days!.prepare(new Date(NOW + 3 * DAY))).toEqual(['2024-03-04', '2024-03-05', '2024-03-06']);
        expect((await partitions()).ahead).toBe('reads_d20240305');
        expect((await store.readArchive.days!.list()).filter((d) => d < '2025')).toEqual(['2024-02-29', '2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05', '2024-03-06']);
        expect(await found(store)).toEqual(['future', 'ahead', 'march-first', 'leap-last', 'offset', 'past']);
      } finally {
        await close();
      }
    });

    it('a read id is the idempotency key across day partitions and the DEFAULT one', async () => {
      const { store, close } = await open();
      try {
        await store.readArchive.days?.prepare(new Date(NOW - DAY));
        expect(await store.reads.record([read('a', '2024-02-29T23:59:59.999Z'), read('b', '2024-03-01T00:00:00.000Z'), read('c', '2030-01-01T00:00:00.000Z')], received)).toEqual({ duplicates: [], settled: [] });
        await store.reads.markMatched(['a', 'c']);
        // The same ids sent again with their times moved across the day boundary (and out of DEFAULT), beside a new read.
        const again = await store.reads.record([
          read('a', '2024-03-01T00:00:00.001Z'), read('b', '2024-02-29T12:00:00.000Z'), read('c', '2024-03-01T10:00:00.000Z'), read('d', '2024-03-01T10:00:00.000Z'),
        ], received);
        expect(again.duplicates.sort()).toEqual(['a', 'b', 'c']);
        expect(again.settled.sort()).toEqual(['a', 'c']);
        expect(await store.reads.count()).toBe(4);
        expect((await store.readArchive.search({ pattern: parsePlatePattern('DAY1234'), domain: 'general', limit: 10 })).map((f) => [f.read.id, f.readAt])).toEqual([
          ['c', '2030-01-01T00:00:00.000Z'], ['d', '2024-03-01T10:00:00.000Z'], ['b', '2024-03-01T00:00:00.000Z'], ['a', '2024-02-29T23:59:59.999Z'],
        ]);
      } finally {
        await close();
      }
    });

    it("retention drops a day every network is done with whole, purges a shorter network's reads row by row in the days it keeps, and says both", async () => {
      const { store, close } = await open();
      try {
        await store.policy.put({ ...(await store.policy.get()), detectionRetentionDays: 90, retentionDaysByNetwork: { flock: 30 } });
        const old = NOW - 100 * DAY;
        const mid = NOW - 60 * DAY;
        const days = store.readArchive.days;
        for (const t of [old, mid]) await days?.prepare(new Date(t));
        await store.reads.record([
          read('old-isp', old, IMAGE), read('old-flock', old + 3600_000, { camera: FLOCK, ...IMAGE }), read('old-flock-2', old + 7200_000, { camera: FLOCK }),
          read('mid-isp', mid), read('mid-flock', mid, { camera: FLOCK, ...IMAGE }),
          read('young-flock', NOW - 3600_000, { camera: FLOCK }),
          read('past-isp', '1999-12-31T23:59:59.000Z', IMAGE),
        ], received);
        const clock = new HubTestClock(new Date(NOW));
        const job = new RetentionJob(store, clock, new SecurityLog(store.audit, clock));
        const report = await job.run();
        const by = (network: string) => report.reads.find((r) => r.network === network);
        expect(by('isp')).toEqual({ network: 'isp', before: new Date(NOW - 90 * DAY).toISOString(), reads: 2, images: 2 });
        expect(by('flock')).toEqual({ network: 'flock', before: new Date(NOW - 30 * DAY).toISOString(), reads: 3, images: 2 });
        expect(by('vehiclemanager')?.reads).toBe(0);
        expect(await found(store)).toEqual(['young-flock', 'mid-isp']);
        expect(await store.reads.count()).toBe(2);
        const event = (await store.audit.list({ action: 'retention_purge', limit: 5 }))[0]!;
        if (days) {
          // The old day and the two made ahead of it are past every network's retention; the mid ones are not past isp's.
          const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
          const oldDays = [0, 1, 2].map((i) => dayOf(old + i * DAY));
          expect(report.days).toEqual({ dropped: oldDays, made: ['2024-03-01', '2024-03-02', '2024-03-03'] });
          expect((await days.list()).filter((d) => d < '2024-03-01')).toEqual([0, 1, 2].map((i) => dayOf(mid + i * DAY)));
          expect(event.detail).toMatchObject({ partitionsDropped: 3, days: oldDays });
        } else {
          expect(report.days).toBeUndefined();
          expect(event.detail).not.toHaveProperty('partitionsDropped');
        }
        const again = await job.run();
        expect(again.reads.every((r) => r.reads === 0)).toBe(true);
        expect(again.days?.dropped ?? []).toEqual([]);
        // Purged reads free their ids: sent again, they are new (a dropped day's, a deleted row's, DEFAULT's).
        expect(await store.reads.record([read('old-isp', old), read('mid-flock', mid, { camera: FLOCK }), read('past-isp', '1999-12-31T23:59:59.000Z'), read('mid-isp', mid)], received)).toEqual({ duplicates: ['mid-isp'], settled: [] });
      } finally {
        await close();
      }
    });
  });
}

readDaysContract('SQLite', async () => openTempSqlite('opentas-read-days-'));


async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describePostgres('store read-days contract (Postgres)', (database) => {
  readDaysContract('Postgres', async () => {
    const url = await database('read_days');
    const store = await openPostgresStore(url);
    const partitions = () =>
      withClient(url, async (c) => Object.fromEntries((await c.query<{ id: string; part: string }>('SELECT id, tableoid::regclass::text AS part FROM reads')).rows.map((r) => [r.id, r.part])));
    return { store, partitions, close: () => store.close() };
  });

  it('a database at schema version 4 holding reads is migrated: every row, search, count and duplicate as before', async () => {
    const url = await database('read_days_migrate');
    // Days around the real today, so the migration gives them partitions; 1999 is beyond its reach.
    const today = Date.now();
    const rows = [
      ['m-1', 'MIG0001', today - 2 * DAY, 'isp', true, true],
      ['m-2', 'MIG0001', today - DAY, 'flock', false, false],
      ['m-3', 'MIG0002', today, 'isp', false, true],
      ['m-old', 'MIG0001', Date.parse('1999-06-01T00:00:00.000Z'), 'isp', true, false],
    ] as const;
    await withClient(url, async (c) => {
      expect((await migratePostgres(c, PG_MIGRATIONS.slice(0, 4))).to).toBe(4);
      for (const [id, plate, t, network, matched, image] of rows) {
        const r = read(id, t, { plate, camera: network === 'isp' ? ISP : FLOCK });
        await c.query(
          `INSERT INTO reads (id, plate, plate_state, read_at, network, domain, received_at, body, images, matched) VALUES ($1, $2, 'IL', $3, $4, 'general', $5, $6, $7, $8)`,
          [id, plate, r.readAt, network, received, JSON.stringify(r), image ? JSON.stringify(IMAGE.images) : null, matched],
        );
      }
    });
    const store = await openPostgresStore(url);
    try {
      expect(await store.reads.count()).toBe(4);
      const search = async (plate: string) => (await store.readArchive.search({ pattern: parsePlatePattern(plate), domain: 'general', limit: 10 })).map((f) => f.read.id);
      expect(await search('MIG0001')).toEqual(['m-2', 'm-1', 'm-old']);
      expect(await search('MIG*')).toEqual(['m-3', 'm-2', 'm-1', 'm-old']);
      const again = await store.reads.record(rows.map(([id, plate, t]) => read(id, t, { plate })), received);
      expect(again.duplicates.sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-old']);
      expect(again.settled.sort()).toEqual(['m-1', 'm-old']);
      const day = (t: number) => `reads_d${new Date(t).toISOString().slice(0, 10).replaceAll('-', '')}`;
      const parts = await withClient(url, async (c) => (await c.query<{ id: string; part: string; images: string | null }>('SELECT id, tableoid::regclass::text AS part, images FROM reads ORDER BY id')).rows);
      expect(parts).toEqual([
        { id: 'm-1', part: day(rows[0][2]), images: JSON.stringify(IMAGE.images) },
        { id: 'm-2', part: day(rows[1][2]), images: null },
        { id: 'm-3', part: day(rows[2][2]), images: JSON.stringify(IMAGE.images) },
        { id: 'm-old', part: 'reads_default', images: null },
      ]);
      expect(await withClient(url, async (c) => (await c.query('SELECT to_regclass($1)::text AS t', ['reads_unpartitioned'])).rows[0])).toEqual({ t: null });
    } finally {
      await store.close();
    }
  });

  it('two nodes making and dropping the same days at once: each day made once and dropped once, no error', async () => {
    const url = await database('read_days_nodes');
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    try {
      const made = await Promise.all([a.readArchive.days!.prepare(new Date(NOW)), b.readArchive.days!.prepare(new Date(NOW))]);
      expect(made.flat().sort()).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
      await a.reads.record([read('n-1', NOW), read('n-2', NOW + DAY, IMAGE)], received);
      const dropped = await Promise.all([a.readArchive.days!.drop('2024-03-03T00:00:00.000Z'), b.readArchive.days!.drop('2024-03-03T00:00:00.000Z')]);
      expect(dropped.flatMap((d) => d.days).sort()).toEqual(['2024-03-01', '2024-03-02']);
      expect(dropped.flatMap((d) => d.reads).reduce((n, r) => n + r.reads, 0)).toBe(2);
      expect((await a.readArchive.days!.list()).filter((d) => d < '2025')).toEqual(['2024-03-03']);
      expect(await b.reads.count()).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('opentas-hub retention run says how many day partitions it dropped, their reads counted per network', async () => {
    const url = await database('read_days_cli');
    const old = NOW - 100 * DAY;
    const store = await openPostgresStore(url);
    try {
      await store.readArchive.days!.prepare(new Date(old));
      await store.reads.record([read('cli-1', old, IMAGE), read('cli-2', old + DAY), read('cli-3', old, { camera: FLOCK })], received);
    } finally {
      await store.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'opentas-read-days-cli-'));
    try {
      const cli = await runCli(['retention', 'run', '--data', dir, '--as-of', new Date(NOW).toISOString()], { DATABASE_URL: url });
      expect(cli.code, cli.stderr).toBe(0);
      const days = [0, 1, 2].map((i) => new Date(old + i * DAY).toISOString().slice(0, 10));
      expect(cli.stdout).toMatch(/^purged 2 read\(s\) of network isp \(1 with images\) read before /m);
      expect(cli.stdout).toMatch(/^purged 1 read\(s\) of network flock \(0 with images\) read before /m);
      expect(cli.stdout).toContain(`dropped 3 day partition(s) of reads (${days[0]} to ${days[2]}), their reads counted above; made 3 for the days ahead\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
