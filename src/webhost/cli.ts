/**
 * `npm run dev:web [-- --port N] [--hub URL]`: the browser host for a developer. With no hub it
 * starts an embedded demo hub (demo users, simulated hits, and simulated reads for its matcher) and prints the credentials. Builds
 * dist-web/ first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from '../backend/server.js';
import { DEFAULT_DIST, startWebHost } from './web-host.js';

function fail(message: string): never {
  console.error(`dev:web: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '5173' },
        hub: { type: 'string' },
        data: { type: 'string' },
        simulate: { type: 'string', default: '4' },
        'simulate-reads': { type: 'string', default: '120' },
      },
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, not ${args.port}`);
  const perMinute = Number(args.simulate);
  if (!Number.isFinite(perMinute) || perMinute < 0) fail(`--simulate must be a rate per minute, not ${args.simulate}`);
  const readsPerMinute = Number(args['simulate-reads']);
  if (!Number.isFinite(readsPerMinute) || readsPerMinute < 0) fail(`--simulate-reads must be a rate per minute, not ${args['simulate-reads']}`);

  if (!existsSync(join(DEFAULT_DIST, 'index.html'))) {
    console.log('dev:web: building the renderer into dist-web/ ...');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts'], { stdio: 'inherit', cwd: resolve(DEFAULT_DIST, '..') });
    if (r.status !== 0) fail('the renderer build failed');
  }

  const dataDir = args.data ? resolve(args.data) : mkdtempSync(join(tmpdir(), 'opentas-web-'));
  let hubUrl = args.hub;
  let stopHub: (() => Promise<void>) | undefined;
  if (!hubUrl) {
    const hub = await startHub({ port: 0, dataDir: join(dataDir, 'hub'), demo: true, simulatePerMinute: perMinute, simulateReadsPerMinute: readsPerMinute, print: (line) => console.log(`hub: ${line}`) });
    hubUrl = hub.url;
    stopHub = () => hub.close();
    console.log(`dev:web: embedded demo hub at ${hub.url} (${perMinute} simulated hits and ${readsPerMinute} simulated reads per minute)`);
  }
  const host = await startWebHost({ hubUrl, dataDir: join(dataDir, 'client'), port, persistVault: true, log: (line) => process.stderr.write(line) });
  // The URL carries this launch's key: without it the page gets no alerts (see launch-key.ts).
  console.log(`dev:web: open ${host.url}`);

  const stop = async (): Promise<void> => {
    await host.close();
    await stopHub?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: Error) => fail(err.message));
