/**
 * `opentas-hub doctor --data DIR` (issue 16), the real CLI: one line per check, exit 0 on a sound
 * installation; on a folder others can read, a key that is not the store's and plain HTTP off
 * loopback, a FAIL line for each and exit 1; a missing folder is refused (exit 2). With Postgres and
 * Redis configured it checks both are reachable and the clock against the database's, and fails
 * when Redis is down.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/backend/store/sqlite/migrations.js';
import { runCli } from '../support/hub.js';
import { PostgresCluster, RedisServer, requireServices, scaleOutServices } from '../support/services.js';

const lines = (s: string): string[] => s.trim().split('\n');
const verdicts = (s: string): Record<string, string> =>
  Object.fromEntries(
    lines(s)
      .map((l) => /^(ok|warn|FAIL)\s+([a-z ]+):/.exec(l))
      .map((m) => [m?.[2] ?? '?', m?.[1] ?? '?']),
  );

// Each CLI run starts tsx: seconds each on a loaded two-core machine, hence a generous limit.
describe('opentas-hub doctor', { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'opentas-doctor-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('SQLite: every check ok on a fresh store; loose modes, a foreign key and plain HTTP off loopback each FAIL (exit 1)', async () => {
    const data = join(root, 'hub-data');
    expect((await runCli(['key', 'add', '--data', data, '--name', 'k'])).code).toBe(0);
    const good = await runCli(['doctor', '--data', data]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    // Disk may only warn on a machine with under 5 GiB free; the rest must be ok.
    expect(verdicts(good.stdout)).toEqual({
      tls: 'ok',
      'file modes': 'ok',
      schema: 'ok',
      clock: 'ok',
      'signing key': 'ok',
      disk: expect.stringMatching(/^(ok|warn)$/),
    });
    expect(good.stdout).toMatch(new RegExp(`^ok {4}schema: version ${SQLITE_MIGRATIONS.length}, up to date$`, 'm'));

    chmodSync(data, 0o755);
    writeFileSync(join(data, 'hub.key'), randomBytes(32).toString('base64'), { mode: 0o644 });
    chmodSync(join(data, 'hub.key'), 0o644);
    const bad = await runCli(['doctor', '--data', data, '--host', '0.0.0.0']);
    expect(bad.code).toBe(1);
    expect(verdicts(bad.stdout)).toMatchObject({
      tls: 'FAIL',
      'file modes': 'FAIL',
      'signing key': 'FAIL',
      schema: 'ok',
    });
    expect(bad.stdout).toMatch(
      /FAIL {2}file modes: .*hub-data is 755 \(want 700\); .*hub\.key is 644 \(want 600\)/,
    );
    expect(bad.stdout).toMatch(/FAIL {2}signing key: .* is not the key this store was set up with/);

    const missing = await runCli(['doctor', '--data', join(root, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([expect.stringMatching(/no data folder at/)]);
  });

  it('Postgres and Redis: reachable, clock within a second of the database; Redis down is a FAIL', async (ctx) => {
    const services = scaleOutServices();
    if (!requireServices(services, 'hub-doctor')) return ctx.skip();
    const postgres = await PostgresCluster.start(services.pgBin!);
    const redis = await RedisServer.start(services.redisServer!);
    try {
      const env = {
        DATABASE_URL: await postgres.createDatabase('doctor'),
        REDIS_URL: redis.url,
        OPENTAS_HUB_SECRET: 'opentas-doctor-test-secret-0123456789abcdef',
      };
      const node = join(root, 'node');
      expect((await runCli(['key', 'add', '--data', node, '--name', 'k'], env)).code).toBe(0);
      const good = await runCli(['doctor', '--data', node], env);
      expect(good.code, good.stdout + good.stderr).toBe(0);
      expect(verdicts(good.stdout)).toMatchObject({
        tls: 'ok',
        postgres: 'ok',
        schema: 'ok',
        clock: 'ok',
        'signing key': 'ok',
        redis: 'ok',
      });
      expect(good.stdout).toMatch(/^ok {4}clock: -?\d+\.\d\d s against the database$/m);
      await redis.kill();
      const down = await runCli(['doctor', '--data', node], env);
      expect(down.code).toBe(1);
      expect(down.stdout).toMatch(/^FAIL {2}redis: unreachable \(REDIS_URL\)/m);
    } finally {
      await redis.stop();
      await postgres.stop();
    }
  });
});
