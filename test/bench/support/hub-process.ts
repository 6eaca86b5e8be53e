/**
 * The hub under test as a child process (`opentas-hub serve`), so a benchmark can SIGKILL it and
 * start it again on the same port and data directory, and so its CPU is not shared with the driver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { profileArgs } from './fleet-protocol.js';

const CLI = fileURLToPath(new URL('../../../bin/opentas-hub.js', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves once the server printed `listening on`. */
  listening: Promise<void>;
  /** The last lines the hub wrote to stderr (for a failure message). */
  stderrTail(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `serve` on `port` (0 = any) and resolves once it prints `listening on`. */
export async function startHubProcess(dataDir: string, port = 0): Promise<HubProcess> {
  const hub = spawnServer([CLI, 'serve', '--port', String(port), '--data', dataDir], port);
  await hub.listening;
  return hub;
}

/**
 * Starts `serve` on a known port and returns at once, before it listens: the storm sends its
 * first request right away and retries until the hub accepts it.
 */
export function spawnHubProcess(dataDir: string, port: number): HubProcess {
  const hub = spawnServer([CLI, 'serve', '--port', String(port), '--data', dataDir], port);
  hub.listening.catch(() => {});
  return hub;
}

/** Starts the bare socket.io baseline server (bare-server.ts). */
export async function startBareProcess(): Promise<HubProcess> {
  const server = spawnServer(['--import', 'tsx', BARE, '0'], 0);
  await server.listening;
  return server;
}

function spawnServer(args: string[], port: number): HubProcess {
  const child = spawn(process.execPath, [...profileArgs(), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hub: HubProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    listening: new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^listening on (http:\/\/\S+)$/.exec(line);
        if (m?.[1]) {
          hub.url = m[1];
          hub.port = Number(new URL(m[1]).port);
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`the server exited before listening: ${tail}`)));
    }),
    stderrTail: () => tail,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return hub;
}
