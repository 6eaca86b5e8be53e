/**
 * The hub under test as a child process (`opentas-hub serve`), so a benchmark can SIGKILL it and
 * start it again on the same port and data directory, and so its CPU is not shared with the driver.
 * It runs from built JavaScript (scripts/build-hub.ts, built once per benchmark from the sources of
 * the run), as a production hub does: a restart measures the hub, not tsx compiling it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHub, REPO_ROOT } from '../../../scripts/build-hub.js';
import { profileArgs } from './fleet-protocol.js';
import { type ServerProcess, startServerProcess } from '../../support/server-process.js';

let built: string | undefined;

/** Builds the hub for this benchmark (once); removed when the process exits. */
export async function prepareHubBuild(): Promise<string> {
  if (built) return built;
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, 'test-results', 'hub-cli-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = await buildHub(join(dir, 'opentas-hub.mjs'));
  return built;
}

function hubCli(): string {
  if (!built) throw new Error('prepareHubBuild() first: the hub runs from its build');
  return built;
}
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

export type HubProcess = ServerProcess;

/**
 * Starts `serve` on `port` (0 = any) and resolves once it prints `listening on`; `env` adds to the
 * environment (OPENTAS_METRICS_TOKEN, to read the hub's own figures from /metrics).
 */
export async function startHubProcess(dataDir: string, port = 0, env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  await prepareHubBuild();
  const hub = spawnServer([hubCli(), 'serve', '--port', String(port), '--data', dataDir], port, env);
  await hub.listening;
  return hub;
}

/**
 * Starts `serve` on a known port and returns at once, before it listens: the storm sends its
 * first request right away and retries until the hub accepts it.
 */
export function spawnHubProcess(dataDir: string, port: number, env: NodeJS.ProcessEnv = {}): HubProcess {
  const hub = spawnServer([hubCli(), 'serve', '--port', String(port), '--data', dataDir], port, env);
  hub.listening.catch(() => {});
  return hub;
}

/** Starts the bare socket.io baseline server (bare-server.ts). */
export async function startBareProcess(): Promise<HubProcess> {
  const server = spawnServer(['--import', 'tsx', BARE, '0'], 0);
  await server.listening;
  return server;
}

/** `BENCH_SERVER_NODE_ARGS`: Node flags for the hub and the bare server alike (a GC setting to try, say). */
function spawnServer(args: string[], port: number, env: NodeJS.ProcessEnv = {}): HubProcess {
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return startServerProcess([...profileArgs(), ...extra, ...args], { cwd: REPO_ROOT, port, env });
}
