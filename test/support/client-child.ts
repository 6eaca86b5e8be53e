/** Drives test/fakes/client-process.ts from a test: start, call handlers, watch events, SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { InvokeChannel } from '../../src/shared/ipc.js';
import { waitFor } from './wait.js';

const SCRIPT = fileURLToPath(new URL('./client-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export class ClientChild {
  readonly messages: Record<string, unknown>[] = [];
  stderr = '';
  private nextId = 1;
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.messages.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not ours (a library printing): ignore.
      }
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(hubUrl: string, dataDir: string): Promise<ClientChild> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, HUB_URL: hubUrl, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new ClientChild(child);
    await waitFor(() => client.messages.some((m) => m.ready === true) || child.exitCode !== null, 'the client process to start', 30_000);
    if (child.exitCode !== null) throw new Error(`client process exited: ${client.stderr}`);
    return client;
  }

  async call(channel: InvokeChannel, request?: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.child.stdin!.write(JSON.stringify({ id, channel, request }) + '\n');
    const answer = await waitFor(() => this.messages.find((m) => m.id === id), `the answer to ${channel}`);
    return answer.result;
  }

  events(name: string): unknown[] {
    return this.messages.filter((m) => m.event === name).map((m) => m.payload);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
