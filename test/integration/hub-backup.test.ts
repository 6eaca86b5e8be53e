/**
 * Backup and restore (docs/protocol.md 1.1 "Operating the hub", issue 16), with the real CLI: a
 * backup taken by another process while two desks keep acknowledging is a prefix of the live chain
 * (its head is the live entry of its count); restored into an empty folder, `audit verify` gives a
 * valid chain with that head, and the restored hub signs its users in (hub.key came along). Restore
 * never overwrites, a backup never overwrites a file, and a file that is no backup is refused.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub } from '../../src/backend/server.js';
import { SQLITE_MIGRATIONS } from '../../src/backend/store/sqlite/migrations.js';
import { ackEvent } from '../support/acks.js';
import { call } from '../support/api.js';
import { makeHit } from '../support/hits.js';
import { runCli, startTestHub } from '../support/hub.js';
import { TEST_PASSWORD } from '../support/passwords.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const oneLine = (s: string): string[] => s.trim().split('\n');

describe('opentas-hub backup and restore', { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'opentas-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a backup taken while desks acknowledge restores to a valid chain ending at the live entry of its count', async () => {
    const t = await startTestHub({ retentionEveryMs: 0, escalationEveryMs: 0 });
    const file = join(root, 'hub-backup.sqlite');
    const restored = join(root, 'restored');
    try {
      await t.addUser(['supervisor']);
      const desks = await Promise.all(
        [0, 1].map(async (i) => {
          const { token, user } = await t.signedIn(['trooper'], { unit: 'Troop 3' });
          const desk = t.connect({ token, clientId: `desk-${i}` });
          await desk.ready();
          return { desk, user };
        }),
      );
      // Each desk acknowledges new alerts until the backup has finished (bounded: at most 5,000 each).
      let backupDone = false;
      let acked = 0;
      const load = desks.map(async ({ desk }) => {
        for (let i = 0; i < 5_000 && !backupDone; i++) {
          const hit = makeHit({ category: 'stolen' });
          await t.hub.ingest(hit);
          const answer = await desk.sendAck(ackEvent(hit.id, 'acknowledged'));
          if (answer.ok !== true) throw new Error(`ack refused: ${JSON.stringify(answer)}`);
          acked++;
        }
      });
      await waitFor(() => acked >= 20, 'the desks to be acknowledging');
      const before = acked;
      const backup = await runCli(['backup', '--data', t.dataDir, '--out', file]);
      backupDone = true;
      await Promise.all(load);
      expect(backup.code, backup.stderr).toBe(0);
      const m =
        // The backup is at today's schema (each new migration raises it).
        new RegExp(`: (\\d+) alerts, (\\d+) log entries, head ([0-9a-f]{64}), schema version ${SQLITE_MIGRATIONS.length}, with hub\\.key$`).exec(
          backup.stdout.trim(),
        );
      expect(m, backup.stdout).not.toBeNull();
      const count = Number(m![2]);
      const head = m![3]!;
      expect(count).toBeGreaterThanOrEqual(before);
      expect(count).toBeLessThanOrEqual(acked);
      console.log(`backup under load: ${count} of ${acked} entries were in it (${before} when it started)`);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      // The backup is a prefix of the live chain: its head is the live entry of its count.
      const [atCount] = await t.hub.store.acks.rows(count - 1, 1);
      expect(atCount?.seq).toBe(count);
      expect(atCount?.hash).toBe(head);

      const restore = await runCli(['restore', '--file', file, '--data', restored]);
      expect(restore.code, restore.stderr).toBe(0);
      expect(oneLine(restore.stdout).at(-1)).toBe(`ok: ${count} entries, head ${head}`);
      const verify = await runCli(['audit', 'verify', '--data', restored]);
      expect(verify.code).toBe(0);
      expect(oneLine(verify.stdout)[0]).toBe(`ok: ${count} entries, head ${head}`);
      expect(readdirSync(restored).sort()).toEqual(['hub.key', 'hub.sqlite']);
      expect((statSync(restored).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await t.close();
    }
    // The restored folder serves: the key came along, so its users sign in as before.
    const hub = await startHub({ port: 0, dataDir: restored, retentionEveryMs: 0, escalationEveryMs: 0 });
    try {
      const login = await call(hub.url, 'POST', '/session', {
        body: { username: 'supervisor1', password: TEST_PASSWORD },
      });
      expect(login.status, login.text).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('never overwrites: restore into a folder that is not empty, a backup onto a file, a file that is no backup: one line, exit 2', async () => {
    const data = join(root, 'store');
    expect((await runCli(['key', 'add', '--data', data, '--name', 'k'])).code).toBe(0);
    const file = join(root, 'second.sqlite');
    expect((await runCli(['backup', '--data', data, '--out', file])).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [
        ['restore', '--file', file, '--data', data],
        /refusing to restore into .*store: it is not an empty folder/,
      ],
      [['backup', '--data', data, '--out', file], /second\.sqlite exists; a backup never overwrites a file/],
      [
        ['restore', '--file', join(data, 'hub.sqlite'), '--data', join(root, 'fresh')],
        /is not an opentas-hub backup/,
      ],
      [
        ['restore', '--file', join(root, 'missing.sqlite'), '--data', join(root, 'fresh')],
        /no backup file at/,
      ],
      [['backup', '--data', join(root, 'nowhere'), '--out', join(root, 'third.sqlite')], /no data folder at/],
    ];
    for (const [args, line] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), args.join(' ')).toEqual([expect.stringMatching(line)]);
    }
    expect(existsSync(join(root, 'fresh'))).toBe(false);
    expect(existsSync(join(root, 'third.sqlite'))).toBe(false);
  });
  it('Postgres: pg_dump while a desk acknowledges, pg_restore into an empty database, audit verify there (docs/deploy.md)', async (ctx) => {
    const services = scaleOutServices(true);
    if (!requireServices(services, 'hub-backup postgres')) return ctx.skip();
    const run = promisify(execFile);
    const secret = 'opentas-backup-test-secret-0123456789abcdef';
    const cluster = await PostgresCluster.start(services.pgBin!);
    try {
      const url = await cluster.createDatabase('live');
      const t = await startTestHub({ databaseUrl: url, secret, retentionEveryMs: 0, escalationEveryMs: 0 });
      const dump = join(root, 'opentas.dump');
      let before = 0;
      let after = 0;
      try {
        const { token } = await t.signedIn(['trooper']);
        const desk = t.connect({ token, clientId: 'desk-pg' });
        await desk.ready();
        let dumped = false;
        let acked = 0;
        const load = (async () => {
          for (let i = 0; i < 5_000 && !dumped; i++) {
            const hit = makeHit({ category: 'stolen' });
            await t.hub.ingest(hit);
            if ((await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).ok !== true)
              throw new Error('ack refused');
            acked++;
          }
        })();
        await waitFor(() => acked >= 10, 'the desk to be acknowledging');
        before = acked;
        await run(join(services.pgBin!, 'pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, url]);
        dumped = true;
        await load;
        after = acked;
      } finally {
        await t.close();
      }
      const restored = await cluster.createDatabase('restored');
      await run(join(services.pgBin!, 'pg_restore'), [
        '--no-owner',
        '--exit-on-error',
        `--dbname=${restored}`,
        dump,
      ]);
      const verify = await runCli(['audit', 'verify', '--data', join(root, 'unused')], {
        DATABASE_URL: restored,
      });
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const m = /^ok: (\d+) entries, head ([0-9a-f]{64})$/m.exec(verify.stdout);
      expect(m, verify.stdout).not.toBeNull();
      const count = Number(m![1]);
      expect(count).toBeGreaterThanOrEqual(before);
      expect(count).toBeLessThanOrEqual(after);
      console.log(`pg_dump under load: ${count} of ${after} entries were in it (${before} when it started)`);
      const live = await startHub({
        port: 0,
        databaseUrl: url,
        secret,
        retentionEveryMs: 0,
        escalationEveryMs: 0,
      });
      try {
        const [atCount] = await live.store.acks.rows(count - 1, 1);
        expect(atCount?.hash).toBe(m![2]);
      } finally {
        await live.close();
      }
    } finally {
      await cluster.stop();
    }
  });
});
