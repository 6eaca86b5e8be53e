/**
 * A server as a child process (the hub's `serve`, or the bench's bare socket.io baseline): its
 * stdout lines, its stderr, `listening` once it prints `listening on <url>`, and `stop(signal)`
 * that waits for the exit. The one spawner behind `spawnHub` (tests) and `startHubProcess` (benches).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Keeps at most this much of a server's stderr (the end): a 2,000-desk bench logs a lot. */
const STDERR_KEPT = 1 << 20;

export interface ServerProcess {
  /** `http://127.0.0.1:<port>`: the asked port until the server says which one it listens on. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Every line the server wrote to stdout so far. */
  lines: string[];
  /** Resolves once the server printed `listening on`; rejects if it exits before. */
  listening: Promise<void>;
  /** What the server wrote to stderr so far (its last megabyte). */
  stderr(): string;
  /** Sends `signal` (unless it already exited) and waits for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node <args>` and returns at once; await `listening` before talking to it. */
export function startServerProcess(args: string[], options: { cwd: string; port?: number; env?: NodeJS.ProcessEnv }): ServerProcess {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 2 * STDERR_KEPT) stderr = stderr.slice(-STDERR_KEPT);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = options.port ?? 0;
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    lines: [],
    listening: new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        server.lines.push(line);
        const m = /^listening on (https?:\/\/\S+)$/.exec(line);
        if (m?.[1]) {
          server.url = m[1];
          server.port = Number(new URL(m[1]).port);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`the server exited (${code}) before listening: ${stderr.slice(-4000)}`)));
    }),
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return server;
}
