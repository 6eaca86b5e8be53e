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
  /** The last lines the hub wrote to stderr (for a failure message). */
  stderrTail(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `serve` on `port` (0 = any) and resolves once it prints `listening on`. */
export function startHubProcess(dataDir: string, port = 0): Promise<HubProcess> {
  return startServer([CLI, 'serve', '--port', String(port), '--data', dataDir]);
}

/** Starts the bare socket.io baseline server (bare-server.ts). */
export function startBareProcess(): Promise<HubProcess> {
  return startServer(['--import', 'tsx', BARE, '0']);
}

async function startServer(args: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [...profileArgs(), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening on (http:\/\/\S+)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`the hub exited before listening: ${tail}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stderrTail: () => tail,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
