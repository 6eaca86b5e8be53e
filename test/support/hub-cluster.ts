/**
 * Two (or more) real hub processes behind one real Postgres and one real Redis, for the scale-out
 * suites: each node is `opentas-hub serve --port 0` with DATABASE_URL and REDIS_URL, as an
 * operator would run it. A node's database link can go through a TcpProxy, to cut it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineAccounts } from '../../src/backend/auth/offline-accounts.js';
import { openPostgresStore } from '../../src/backend/store/postgres/index.js';
import type { Hit, Role } from '../../src/shared/protocol/index.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { AlertClient, type AlertClientOptions } from './alert-client.js';
import { type ApiAnswer, type ApiRequest, type Json, call } from './api.js';
import { type SpawnedHub, runCli, spawnHub } from './hub.js';
import { TEST_PASSWORD } from './passwords.js';
import { type PostgresCluster, type RedisServer, requireServices, scaleOutServices, startPostgresAndRedis } from './services.js';
import { waitFor } from './wait.js';

/** The key secret every node shares (OPENTAS_HUB_SECRET), as an operator of several nodes sets it. */
export const CLUSTER_SECRET = 'opentas-test-cluster-secret-0123456789abcdef';
/** Every node serves GET /metrics to this token (its database and Redis gauges are checked under faults). */
export const CLUSTER_METRICS_TOKEN = 'opentas-test-cluster-metrics-0123456789';

export interface ClusterUser {
  id: string;
  username: string;
}

export class HubCluster {
  readonly nodes: SpawnedHub[] = [];
  /** Per node: the proxy its database link runs through (when asked for). */
  readonly dbProxies: (TcpProxy | undefined)[] = [];
  readonly clients: AlertClient[] = [];
  /** Per node: everything it wrote to stderr (its error reports). */
  readonly stderr: string[] = [];
  ingestKey = '';
  private serial = 0;

  private constructor(
    readonly postgres: PostgresCluster,
    readonly redis: RedisServer,
    readonly databaseUrl: string,
    private readonly dataDir: string,
    /** False: the nodes get no REDIS_URL and meet only through the database. */
    readonly withRedis: boolean,
  ) {}

  /**
   * Starts the services and `nodes` hubs; undefined (after printing why) when the services are not
   * installed here, and a thrown error instead under CI=true.
   */
  static async start(suite: string, o: { nodes?: number; proxiedDbLink?: number[]; withRedis?: boolean } = {}): Promise<HubCluster | undefined> {
    const services = scaleOutServices();
    if (!requireServices(services, suite)) return undefined;
    const { postgres, redis, databaseUrl } = await startPostgresAndRedis(services, 'scaleout');
    const cluster = new HubCluster(postgres, redis, databaseUrl, mkdtempSync(join(tmpdir(), 'opentas-scaleout-')), o.withRedis ?? true);
    try {
      for (let i = 0; i < (o.nodes ?? 2); i++) await cluster.startNode(o.proxiedDbLink?.includes(i) ?? false);
      const key = await runCli(['key', 'add', '--data', cluster.dataDir, '--name', 'test-adapter'], { DATABASE_URL: cluster.databaseUrl, OPENTAS_HUB_SECRET: CLUSTER_SECRET });
      if (key.code !== 0) throw new Error(`key add failed: ${key.stderr}`);
      cluster.ingestKey = key.stdout.trim().split('\n').at(-1) ?? '';
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  private async startNode(proxied: boolean): Promise<void> {
    let databaseUrl = this.databaseUrl;
    let proxy: TcpProxy | undefined;
    if (proxied) {
      proxy = await TcpProxy.start(this.postgres.port);
      databaseUrl = databaseUrl.replace(`:${this.postgres.port}/`, `:${proxy.port}/`);
    }
    // Each node gets its own --data directory (unused with Postgres) as separate machines would.
    const dir = mkdtempSync(join(this.dataDir, 'node-'));
    const node = await spawnHub(dir, [], {
      DATABASE_URL: databaseUrl,
      REDIS_URL: this.withRedis ? this.redis.url : '',
      OPENTAS_HUB_SECRET: CLUSTER_SECRET,
      OPENTAS_METRICS_TOKEN: CLUSTER_METRICS_TOKEN,
    });
    const index = this.nodes.length;
    this.stderr[index] = '';
    node.child.stderr?.on('data', (d: Buffer) => (this.stderr[index] += d.toString()));
    this.nodes.push(node);
    this.dbProxies.push(proxy);
  }

  url(node: number): string {
    return this.nodes[node]!.url;
  }

  api<T = Json>(node: number, method: string, path: string, req: ApiRequest = {}): Promise<ApiAnswer<T>> {
    return call<T>(this.url(node), method, path, req);
  }

  /** Adds a user straight into the shared database (as `opentas-hub user add` would, faster). */
  async addUser(roles: Role[] = ['trooper'], unit?: string): Promise<ClusterUser> {
    const store = await openPostgresStore(this.databaseUrl);
    try {
      const accounts = await offlineAccounts(store, { secret: CLUSTER_SECRET });
      const username = `${roles[0]}${++this.serial}`;
      const created = await accounts.addUser({ username, password: TEST_PASSWORD, roles, ...(unit ? { unit } : {}) });
      return { id: created.user.id, username };
    } finally {
      await store.close();
    }
  }

  async token(node: number, user: ClusterUser): Promise<string> {
    const res = await this.api(node, 'POST', '/session', { body: { username: user.username, password: TEST_PASSWORD } });
    if (res.status !== 200) throw new Error(`login failed on node ${node}: ${res.status} ${res.text}`);
    return (res.body as { accessToken: string }).accessToken;
  }

  async postHit(node: number, hit: Hit): Promise<{ id: string; seq: number }> {
    const res = await this.api(node, 'POST', '/hits', { token: this.ingestKey, body: hit });
    if (res.status !== 202) throw new Error(`ingest on node ${node} answered ${res.status} ${res.text}`);
    return res.body as { id: string; seq: number };
  }

  connect(node: number, o: AlertClientOptions): AlertClient {
    const client = new AlertClient(this.url(node), o);
    this.clients.push(client);
    return client;
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    await Promise.all(this.nodes.map((n) => n.stop()));
    await Promise.all(this.dbProxies.map((p) => p?.close()));
    await this.redis.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Patience for these suites: two hub processes, Postgres and Redis on a shared 2-core machine can
 * be slow. Correctness never depends on it (waits end as soon as their condition holds).
 */
export const PATIENCE_MS = 120_000;
/** A test's own limit: above PATIENCE_MS, so a wait that fails names what it was waiting for. */
export const SUITE_TIMEOUT_MS = 300_000;

export function settle<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T> {
  return waitFor(probe, what, PATIENCE_MS);
}

/** The ids of `client`'s alerts, each with how many times it arrived. */
export function arrivals(client: AlertClient): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of client.alerts) counts.set(a.alert.id, (counts.get(a.alert.id) ?? 0) + 1);
  return counts;
}
