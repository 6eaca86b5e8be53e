/**
 * Real hubs for integration tests: `startTestHub()` runs one in-process on port 0 with a temp
 * SQLite directory; `spawnHub()` runs the CLI as a child process (for SIGKILL and CLI tests).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Clock } from '../../src/backend/clock.js';
import { type HubOptions, type RunningHub, startHub } from '../../src/backend/server.js';
import type { Domain, Hit, Role, SessionTokens } from '../../src/shared/protocol/index.js';
import { AlertClient, type AlertClientOptions } from './alert-client.js';
import { type ApiAnswer, type ApiRequest, type Json, call } from './api.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { TEST_PASSWORD } from './passwords.js';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The command line that starts `opentas-hub`: the CLI built once for this test run (support/hub-bundle.ts),
 * or, outside the integration tier, the launcher that runs the sources through tsx.
 */
export function hubCommand(): string[] {
  let built: string | undefined;
  try {
    built = inject('hubCli');
  } catch {
    built = undefined; // not inside a vitest worker
  }
  return [...(process.execArgv.includes('--enable-source-maps') ? [] : ['--enable-source-maps']), built ?? join(REPO_ROOT, 'bin/opentas-hub.js')];
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret?: string;
}

export class TestHub {
  readonly clients: AlertClient[] = [];
  private userSerial = 0;
  ingestKey = '';

  constructor(
    readonly hub: RunningHub,
    readonly dataDir: string,
    readonly clock: Clock | undefined,
  ) {}

  get url(): string {
    return this.hub.url;
  }

  api<T = Json>(method: string, path: string, req: ApiRequest = {}): Promise<ApiAnswer<T>> {
    return call<T>(this.url, method, path, req);
  }

  async addUser(roles: Role[] = ['trooper'], extra: { unit?: string; domain?: Domain; totp?: boolean; username?: string; leadsCertifiedUntil?: string; trainingCompletedAt?: string } = {}): Promise<TestUser> {
    const username = extra.username ?? `${roles[0]}${++this.userSerial}`;
    const created = await this.hub.admin.addUser({ username, password: TEST_PASSWORD, roles, displayName: `Test ${username}`, ...extra });
    return { id: created.user.id, username, password: TEST_PASSWORD, ...(created.totpSecret ? { totpSecret: created.totpSecret } : {}) };
  }

  async login(user: Pick<TestUser, 'username' | 'password'>, otp?: string): Promise<SessionTokens> {
    const res = await this.api<SessionTokens>('POST', '/session', { body: { username: user.username, password: user.password, ...(otp ? { otp } : {}) } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return res.body;
  }

  /** A new user of the given roles, signed in. */
  async signedIn(roles: Role[] = ['trooper'], extra: { unit?: string; domain?: Domain } = {}): Promise<{ user: TestUser; token: string; tokens: SessionTokens }> {
    const user = await this.addUser(roles, extra);
    const tokens = await this.login(user);
    return { user, token: tokens.accessToken, tokens };
  }

  postHit(hit: Hit | unknown, key = this.ingestKey): Promise<ApiAnswer> {
    return this.api('POST', '/hits', { token: key, body: hit });
  }

  connect(o: AlertClientOptions): AlertClient {
    const client = new AlertClient(this.url, o);
    this.clients.push(client);
    return client;
  }

  /** Stops the hub but keeps its data directory (for restart and tamper tests). */
  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    await this.hub.close();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function startTestHub(options: Omit<HubOptions, 'port' | 'dataDir'> & { keepDataDir?: string } = {}): Promise<TestHub> {
  const dataDir = options.keepDataDir ?? mkdtempSync(join(tmpdir(), 'opentas-hub-test-'));
  const hub = await startHub({ port: 0, dataDir, onError: (err) => console.error('[hub under test]', err), ...options });
  const t = new TestHub(hub, dataDir, options.clock);
  t.ingestKey = await hub.admin.addIngestKey('test-adapter');
  return t;
}

export interface SpawnedHub extends ServerProcess {
  dataDir: string;
}

/** Runs `opentas-hub serve` as a child process and resolves once it prints `listening on`. */
export async function spawnHub(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<SpawnedHub> {
  const server = startServerProcess([...hubCommand(), 'serve', '--port', '0', '--data', dataDir, ...extraArgs], { cwd: REPO_ROOT, env });
  await server.listening;
  return Object.assign(server, { dataDir });
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...hubCommand(), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
