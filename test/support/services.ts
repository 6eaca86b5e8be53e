/**
 * Real Redis and PostgreSQL for the scale-out suites: each started on loopback, on a free port, in
 * its own temp directory, and stopped by PID (never by name: other engineers' servers run here too).
 * As root, PostgreSQL runs as the `postgres` user (it refuses to run as root).
 *
 * `scaleOutServices()` says whether the binaries are here. Suites skip with a clear message when
 * they are not, except under `CI=true`, where a missing service is a failure.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ServiceCheck {
  ok: boolean;
  /** Why the suite cannot run (missing binaries), for the skip or failure message. */
  reason: string;
  pgBin?: string;
  redisServer?: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function findPgBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const initdb = onPath('initdb');
  return initdb ? join(initdb, '..') : undefined;
}

/** Whether PostgreSQL and (unless `postgresOnly`) redis-server are installed here. */
export function scaleOutServices(postgresOnly = false): ServiceCheck {
  const pgBin = findPgBin();
  const redisServer = onPath('redis-server');
  const missing = [...(pgBin ? [] : ['PostgreSQL (initdb/postgres; set PG_BIN)']), ...(redisServer || postgresOnly ? [] : ['redis-server'])];
  const reason = missing.length === 0 ? '' : `scale-out services missing: ${missing.join(', ')} (install with scripts/install-system-deps.sh, or apt-get install postgresql redis-server)`;
  return { ok: missing.length === 0, reason, ...(pgBin ? { pgBin } : {}), ...(redisServer ? { redisServer } : {}) };
}

/**
 * For a suite's beforeAll: under CI a missing service throws (the suite fails); elsewhere it returns
 * false and prints one line so the skip is visible.
 */
export function requireServices(check: ServiceCheck, suite: string): boolean {
  if (check.ok) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: ${check.reason}. CI=true, so this is a failure, not a skip.`);
  console.warn(`[${suite}] skipped: ${check.reason}`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Stops one process by PID with `signal` and waits for it to be gone. */
async function stopPid(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(pid, signal);
  await exited;
  await until(() => !alive(pid), `pid ${pid} to exit`);
}

function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  return () => out;
}

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly bin: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(bin: string): Promise<RedisServer> {
    const r = new RedisServer(bin, await freePort(), mkdtempSync(join(tmpdir(), 'opentas-redis-')));
    try {
      await r.restart();
    } catch (err) {
      await r.stop();
      throw err;
    }
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts (again) on the same port, as an operator restarting Redis would. */
  async restart(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn(this.bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    this.child = child;
    await until(() => {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${output()}`);
      return /Ready to accept connections/.test(output());
    }, 'redis-server to accept connections');
  }

  /** Stops Redis abruptly (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    if (this.child) await stopPid(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.child) await stopPid(this.child, 'SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class PostgresCluster {
  private child: ChildProcess | undefined;
  private databases = 0;

  private constructor(
    private readonly bin: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** initdb into a temp directory (owned by `postgres` when we are root), then start on loopback. */
  static async start(bin: string): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-pg-'));
    const cluster = new PostgresCluster(bin, await freePort(), dir);
    try {
      const asUser = postgresUser();
      if (asUser) chownSync(dir, asUser.uid, asUser.gid);
      execFileSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
        stdio: 'pipe',
        ...(asUser ?? {}),
      });
      await cluster.boot();
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  private async boot(): Promise<void> {
    const asUser = postgresUser();
    // fsync off: these clusters hold test data only and must start fast on a loaded 2-core machine.
    const child = spawn(
      join(this.bin, 'postgres'),
      ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
        '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(asUser ?? {}) },
    );
    const output = collect(child);
    this.child = child;
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`postgres exited: ${output()}`);
      return this.reachable();
    }, 'postgres to accept connections');
  }

  private async reachable(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The postmaster's PID (the soak's last-resort clean-up kills it by PID when its script dies). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A new, empty database (one per test keeps tests independent). */
  async createDatabase(prefix = 'opentas'): Promise<string> {
    const name = `${prefix}_${process.pid}_${++this.databases}`;
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async stop(): Promise<void> {
    // SIGINT is PostgreSQL's "fast" shutdown: disconnects clients and stops cleanly.
    if (this.child) await stopPid(this.child, 'SIGINT');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Postgres with one new database, and Redis, for several hub nodes (the scale-out suites, the soak);
 * what started is stopped again when the rest fails.
 */
export async function startPostgresAndRedis(
  check: ServiceCheck,
  databasePrefix: string,
): Promise<{ postgres: PostgresCluster; redis: RedisServer; databaseUrl: string }> {
  const postgres = await PostgresCluster.start(check.pgBin!);
  const redis = await RedisServer.start(check.redisServer!).catch(async (err: unknown) => {
    await postgres.stop();
    throw err;
  });
  const databaseUrl = await postgres.createDatabase(databasePrefix).catch(async (err: unknown) => {
    await Promise.all([redis.stop(), postgres.stop()]);
    throw err;
  });
  return { postgres, redis, databaseUrl };
}

/** As root, the `postgres` account to run PostgreSQL as (it refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}
