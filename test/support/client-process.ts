/**
 * The client app in a process of its own, so a test can SIGKILL it: createHeadlessClient with the file
 * adapters (vault and settings in DATA_DIR), driven over stdin/stdout in JSON lines.
 *   stdin:  {"id": 1, "channel": "ack:send", "request": {...}}
 *   stdout: {"id": 1, "result": ...} | {"event": "link:presence", "payload": ...} | {"ready": true}
 * Logs go to stderr as JSON lines. Run: node --import tsx test/fakes/client-process.ts
 */
import { createInterface } from 'node:readline';
import { createHeadlessClient } from '../../src/main/headless-client.js';
import { jsonLogger } from '../../src/main/adapters/json-logger.js';
import type { IpcHandlers } from '../../src/main/ipc/router.js';

const dataDir = process.env.DATA_DIR;
const hubUrl = process.env.HUB_URL;
if (!dataDir || !hubUrl) {
  process.stderr.write('client-process: set DATA_DIR and HUB_URL\n');
  process.exit(2);
}

const logger = jsonLogger((line) => process.stderr.write(line), 'client-process');
const { app } = createHeadlessClient({
  vault: 'file',
  logger,
  dataDir,
  hubUrl,
  link: { backoffMinMs: 50, backoffMaxMs: 500 },
});

const out = (message: unknown): void => void process.stdout.write(JSON.stringify(message) + '\n');
app.onEvent((event, payload) => out({ event, payload }));
await app.start();
out({ ready: true });

createInterface({ input: process.stdin }).on('line', (line) => {
  void (async () => {
    const { id, channel, request } = JSON.parse(line) as { id: number; channel: keyof IpcHandlers; request?: unknown };
    const handler = app.handlers[channel] as (r: unknown) => Promise<unknown>;
    out({ id, result: await handler(request) });
  })().catch((err: Error) => out({ error: err.message }));
});
