/**
 * Upgrades that lose nothing (docs/protocol.md 1.1 "Operating the hub", issue 16): a data folder and
 * a Postgres database written by the last hub without versioned migrations
 * (test/fixtures/first-release) are migrated by today's `opentas-hub migrate` and served by today's
 * hub, which answers every alert, receipt, log entry (same hashes, same head), zone, user and the
 * policy as the old hub did; passwords and the sealed TOTP secret still work; the chain goes on (a
 * new acknowledgement appends to the old head and `audit verify` holds). A store newer than the
 * program is refused with one line and exit 2, and left as it was.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { authenticator } from 'otplib';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../../src/backend/server.js';
import { PG_MIGRATIONS } from '../../src/backend/store/postgres/migrations.js';
import { SQLITE_MIGRATIONS } from '../../src/backend/store/sqlite/migrations.js';
import { ackEvent } from '../support/acks.js';
import { AlertClient } from '../support/alert-client.js';
import { type Json, call } from '../support/api.js';
import { REPO_ROOT, runCli } from '../support/hub.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/first-release');
/** Today's schema versions (Postgres has one more: reads partitioned by day); one above is "from the future". */
const LATEST = SQLITE_MIGRATIONS.length;
const FUTURE = LATEST + 1;
const PG_LATEST = PG_MIGRATIONS.length;
const PG_FUTURE = PG_LATEST + 1;
/** OPENTAS_HUB_SECRET of the Postgres fixture's hub (test/fixtures/first-release/README.md). */
const FIXTURE_SECRET = 'opentas-first-release-fixture-secret-0123456789';

interface Expected {
  password: string;
  totp: { username: string; secret: string };
  alerts: { id: string }[];
  receipts: Record<string, Json[]>;
  acks: { seq: number; hash: string }[];
  zones: Json[];
  users: Record<string, unknown>[];
  policy: Json;
  auditVerify: string;
}
const expected = (store: 'sqlite' | 'postgres'): Expected =>
  JSON.parse(readFileSync(join(FIXTURES, store, 'expected.json'), 'utf8')) as Expected;
const withoutLastLogin = (users: Record<string, unknown>[]): Record<string, unknown>[] =>
  users.map(({ lastLoginAt: _, ...u }) => u);

/** Today's hub answers what the old one did, and the log's chain goes on from the old head. */
async function answersAsTheOldHubDid(hub: RunningHub, want: Expected): Promise<void> {
  const token = async (username: string, otp?: string): Promise<string> => {
    const res = await call(hub.url, 'POST', '/session', {
      body: { username, password: want.password, ...(otp ? { otp } : {}) },
    });
    expect(res.status, `${username}: ${res.text}`).toBe(200);
    return res.body.accessToken as string;
  };
  const sup = await token('sup1');
  const admin = await token('admin1');
  const alerts = await call(hub.url, 'GET', '/alerts?limit=100', { token: sup });
  expect(alerts.body.items).toHaveLength(want.alerts.length);
  expect(alerts.body.items).toMatchObject(want.alerts);
  for (const a of want.alerts) {
    expect((await call(hub.url, 'GET', `/alerts/${a.id}`, { token: sup })).body.receipts, a.id).toEqual(
      want.receipts[a.id],
    );
  }
  // The hashed entries, byte for byte: same seq, same hashes, same head.
  expect((await call(hub.url, 'GET', '/acks?limit=1000', { token: sup })).body.items).toEqual(want.acks);
  expect((await call(hub.url, 'GET', '/zones', { token: sup })).body).toEqual(want.zones);
  expect(withoutLastLogin((await call(hub.url, 'GET', '/users', { token: admin })).body.items)).toEqual(
    withoutLastLogin(want.users),
  );
  expect((await call(hub.url, 'GET', '/policy', { token: admin })).body).toEqual(want.policy);
  // The TOTP secret was sealed with the old hub's key: the code it generates must still sign in.
  await token(want.totp.username, authenticator.generate(want.totp.secret));

  const desk = new AlertClient(hub.url, { token: await token('tpr1'), clientId: 'desk-tpr1' });
  try {
    await desk.ready();
    const answer = await desk.sendAck(ackEvent('first-release-4', 'acknowledged'));
    expect(answer).toEqual({ ok: true, entrySeq: want.acks.length + 1 });
  } finally {
    desk.close();
  }
  const after = (await call(hub.url, 'GET', '/acks?limit=1000', { token: sup })).body.items as {
    prevHash: string;
    seq: number;
  }[];
  expect(after).toHaveLength(want.acks.length + 1);
  expect(after.at(-1)!.prevHash).toBe(want.acks.at(-1)!.hash);
}

describe('upgrading a store written before versioned migrations', { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'opentas-migrations-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('SQLite: migrate, then every alert, receipt, log entry, zone and user survives and the chain goes on', async () => {
    const want = expected('sqlite');
    const data = join(root, 'sqlite');
    cpSync(join(FIXTURES, 'sqlite'), data, { recursive: true });
    rmSync(join(data, 'expected.json'));
    chmodSync(join(data, 'hub.key'), 0o600);
    const migrated = await runCli(['migrate', '--data', data]);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout.trim()).toBe(
      `schema version 0 -> ${LATEST}: applied ${SQLITE_MIGRATIONS.map((m) => `${m.version} (${m.name})`).join(', ')}`,
    );
    // Not a row lost or rewritten: the verifier prints the same counts and heads as before.
    const verified = await runCli(['audit', 'verify', '--data', data]);
    expect(verified.stdout.trim()).toBe(want.auditVerify);
    expect((await runCli(['migrate', '--data', data])).stdout.trim()).toBe(`schema version ${LATEST}: up to date`);

    const hub = await startHub({
      port: 0,
      dataDir: data,
      onError: (err) => console.error('[hub under test]', err),
    });
    try {
      await answersAsTheOldHubDid(hub, want);
    } finally {
      await hub.close();
    }
    const again = await runCli(['audit', 'verify', '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^ok: ${want.acks.length + 1} entries, head [0-9a-f]{64}\\n`));
  });

  it('SQLite: a store newer than the program is refused by migrate and serve with one line, exit 2, untouched', async () => {
    const data = join(root, 'newer');
    cpSync(join(FIXTURES, 'sqlite'), data, { recursive: true });
    expect((await runCli(['migrate', '--data', data])).code).toBe(0);
    const db = new Database(join(data, 'hub.sqlite'));
    db.prepare(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${FUTURE}, 'from the future', '2031-01-01T00:00:00.000Z')`,
    ).run();
    db.close();
    const before = readFileSync(join(data, 'hub.sqlite'));
    for (const args of [
      ['migrate', '--data', data],
      ['serve', '--port', '0', '--data', data],
      ['audit', 'verify', '--data', data],
    ]) {
      const r = await runCli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr.trim().split('\n'), args[0]).toEqual([
        expect.stringMatching(new RegExp(`schema is version ${FUTURE}, newer than this hub knows \\(up to ${LATEST}\\)`)),
      ]);
    }
    expect(readFileSync(join(data, 'hub.sqlite')).equals(before)).toBe(true);
  });

  it('Postgres: a database created by the first-release hub is migrated and served alike; an empty one is refused', async (ctx) => {
    const services = scaleOutServices(true);
    if (!requireServices(services, 'hub-migrations')) return ctx.skip();
    const cluster = await PostgresCluster.start(services.pgBin!);
    try {
      const want = expected('postgres');
      const url = await cluster.createDatabase('first_release');
      execFileSync(
        join(services.pgBin!, 'psql'),
        ['-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'postgres/postgres.sql'), url],
        { stdio: 'pipe' },
      );
      const env = { DATABASE_URL: url, OPENTAS_HUB_SECRET: FIXTURE_SECRET };
      const dir = join(root, 'pg-node');
      const migrated = await runCli(['migrate', '--data', dir], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout.trim()).toMatch(new RegExp(`^schema version 0 -> ${PG_LATEST}: applied 1 `));
      expect((await runCli(['audit', 'verify', '--data', dir], env)).stdout.trim()).toBe(want.auditVerify);

      const hub = await startHub({
        port: 0,
        databaseUrl: url,
        secret: FIXTURE_SECRET,
        onError: (err) => console.error('[hub under test]', err),
      });
      try {
        await answersAsTheOldHubDid(hub, want);
      } finally {
        await hub.close();
      }
      const again = await runCli(['audit', 'verify', '--data', dir], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`^ok: ${want.acks.length + 1} entries`));

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const versions = (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
      expect(versions).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version })));
      await client.query(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${PG_FUTURE}, 'from the future', '2031-01-01T00:00:00.000Z')`,
      );
      await client.end();
      const newer = await runCli(['migrate', '--data', dir], env);
      expect(newer.code).toBe(2);
      expect(newer.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`schema is version ${PG_FUTURE}, newer than this hub knows \\(up to ${PG_LATEST}\\)`)),
      ]);

      const empty = await cluster.createDatabase('empty');
      const refused = await runCli(['audit', 'verify', '--data', dir], { DATABASE_URL: empty });
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/holds no hub store/)]);
    } finally {
      await cluster.stop();
    }
  });
});
