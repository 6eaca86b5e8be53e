/**
 * The soak's hub cluster: real Postgres and Redis (test/support/services.ts, stopped by PID), two
 * `opentas-hub serve` nodes run from the hub's build (as the benchmarks run it) with DATABASE_URL,
 * REDIS_URL, the shared OPENTAS_HUB_SECRET and a metrics token, and the desks' fronts.
 *
 * A front is a loopback TcpProxy (test/fakes/tcp-proxy.ts) for a group of desks, pointed at one node.
 * The client takes one hub address, so the fronts are how a desk reaches "either node": when a node
 * is killed its fronts point at the other one at once (desks reconnect there), and back at it once it
 * listens again (a restarted node gets a new port). Cutting one front's connections is the "cut 10%
 * of desk connections" fault. Not the test/support HubCluster: that one imports vitest (its CLI build
 * comes from the test run) and starts its nodes before anything is seeded.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { prepareHubBuild } from '../bench/support/hub-process.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { REPO_ROOT } from '../../scripts/build-hub.js';
import { type PostgresCluster, type RedisServer, type ServiceCheck, startPostgresAndRedis } from '../support/services.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

export const SOAK_SECRET = 'opentas-soak-cluster-secret-0123456789abcdef';
export const SOAK_METRICS_TOKEN = 'opentas-soak-metrics-token-0123456789';

export class SoakCluster {
  readonly nodes: (ServerProcess | undefined)[] = [];
  /** Every front, and the node it belongs to (it points elsewhere while that node is down). */
  readonly fronts: { proxy: TcpProxy; home: number }[] = [];
  /** Per node: the end of what it wrote to stderr, over its restarts. */
  readonly stderr: string[] = [];
  readonly restarts: number[] = [];
  private stopped = false;
  private finished = false;
  /** Every node process started, for the last-resort kill (one still starting is not in `nodes` yet). */
  private readonly spawned: ServerProcess[] = [];

  private constructor(
    readonly postgres: PostgresCluster,
    readonly redis: RedisServer,
    readonly databaseUrl: string,
    private readonly dir: string,
    private readonly cli: string,
  ) {}

  static async start(services: ServiceCheck): Promise<SoakCluster> {
    const cli = await prepareHubBuild();
    const { postgres, redis, databaseUrl } = await startPostgresAndRedis(services, 'soak');
    return new SoakCluster(postgres, redis, databaseUrl, mkdtempSync(join(tmpdir(), 'opentas-soak-')), cli);
  }

  private get env(): NodeJS.ProcessEnv {
    return { DATABASE_URL: this.databaseUrl, REDIS_URL: this.redis.url, OPENTAS_HUB_SECRET: SOAK_SECRET, OPENTAS_METRICS_TOKEN: SOAK_METRICS_TOKEN };
  }

  /** Starts node `i` (again) and points its fronts back at it once it listens. */
  async startNode(i: number): Promise<void> {
    const dir = join(this.dir, `node-${i}`);
    mkdirSync(dir, { recursive: true });
    const node = startServerProcess([this.cli, 'serve', '--port', '0', '--data', dir], { cwd: REPO_ROOT, env: this.env });
    this.spawned.push(node);
    this.stderr[i] ??= '';
    node.child.stderr?.on('data', (d: Buffer) => (this.stderr[i] = (this.stderr[i] + d.toString()).slice(-20_000)));
    await node.listening;
    if (this.stopped) {
      await node.stop('SIGKILL'); // the run ended while this node was starting
      return;
    }
    this.nodes[i] = node;
    for (const f of this.fronts) if (f.home === i) f.proxy.targetPort = node.port;
  }

  /** SIGKILLs node `i` and points its fronts at the other node first, so its desks reconnect there. */
  async killNode(i: number): Promise<void> {
    const node = this.nodes[i]!;
    const other = this.nodes[1 - i]!;
    this.nodes[i] = undefined;
    for (const f of this.fronts) if (f.home === i) f.proxy.targetPort = other.port;
    await node.stop('SIGKILL');
    this.restarts[i] = (this.restarts[i] ?? 0) + 1;
  }

  /** The nodes that are up now, for ingest. */
  liveUrls(): string[] {
    return this.nodes.flatMap((n) => (n ? [n.url] : []));
  }

  nodeUrl(i: number): string | undefined {
    return this.nodes[i]?.url;
  }

  async addFront(home: number): Promise<TcpProxy> {
    const proxy = await TcpProxy.start(this.nodes[home]!.port);
    this.fronts.push({ proxy, home });
    return proxy;
  }

  /** `opentas-hub audit verify` against the cluster's database, as an operator runs it. */
  async verifyChain(): Promise<{ ok: boolean; output: string }> {
    const child = spawn(process.execPath, [this.cli, 'audit', 'verify', '--data', join(this.dir, 'verify')], { cwd: REPO_ROOT, env: { ...process.env, ...this.env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { ok: code === 0, output: output.trim() };
  }

  /**
   * Last resort, for process.on('exit') when the script dies before its clean-up: SIGKILL every server it
   * started, by PID, synchronously (their temp folders stay behind).
   */
  killNow(): void {
    if (this.finished) return;
    const live = this.spawned.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    const pids = [...live.map((n) => n.child.pid), this.redis.pid, this.postgres.pid];
    for (const pid of pids) {
      try {
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.spawned.map((n) => n.stop('SIGTERM'))); // also one still starting
    await Promise.all(this.fronts.map((f) => f.proxy.close()));
    await this.redis.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    this.finished = true;
  }
}
