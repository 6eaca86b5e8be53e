/**
 * A built hub whose hot-list worker file is missing (a package that left `hotlist-worker.mjs` out) still
 * takes a big list and loads it again after a restart, on its own thread, and says once what is missing:
 * a hub without its lists would match no read at all. The hub runs as `opentas-hub serve` from a copy of
 * the integration tier's bundle without the worker beside it.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { THREAD_FROM_BYTES } from '../../src/backend/matcher/hotlist-reader.js';
import type { HotlistUpload } from '../../src/shared/protocol/index.js';
import { call } from '../support/api.js';
import { REPO_ROOT } from '../support/hub.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

describe('a built hub without its hot-list worker file', () => {
  let bundleDir: string;
  let cli: string;
  let dataDir: string;
  let hub: ServerProcess | undefined;

  const serve = async (): Promise<ServerProcess> => {
    const server = startServerProcess(['--enable-source-maps', cli, 'serve', '--port', '0', '--data', dataDir], { cwd: REPO_ROOT });
    await server.listening;
    return server;
  };
  const keyAdd = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'key', 'add', '--data', dataDir, '--name', 'no-worker'], { cwd: REPO_ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1)!) : reject(new Error(`key add exited ${code}`))));
    });

  beforeAll(() => {
    const built = inject('hubCli');
    // Inside the repository, so the copy's imports of dependencies still find node_modules.
    bundleDir = mkdtempSync(join(REPO_ROOT, 'test-results', 'hub-no-worker-'));
    cli = join(bundleDir, basename(built));
    copyFileSync(built, cli);
    if (existsSync(`${built}.map`)) copyFileSync(`${built}.map`, `${cli}.map`);
    expect(existsSync(join(dirname(built), 'hotlist-worker.mjs')), 'the tier’s bundle has its worker').toBe(true);
    expect(existsSync(join(bundleDir, 'hotlist-worker.mjs'))).toBe(false);
    dataDir = mkdtempSync(join(tmpdir(), 'opentas-no-worker-'));
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a list big enough for the thread, matches it, loads it again after a restart, and says what is missing', async () => {
    const key = await keyAdd();
    hub = await serve();
    const entries: HotlistUpload['entries'] = Array.from({ length: 15_000 }, (_, i) => ({
      plate: `NW${String(i).padStart(5, '0')}`, state: 'IL', category: 'stolen', reason: 'Stolen vehicle (a reason long enough to make the body big)',
    }));
    const body: HotlistUpload = { name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries };
    expect(JSON.stringify(body).length).toBeGreaterThan(THREAD_FROM_BYTES);
    const put = await call(hub.url, 'PUT', '/hotlists/ncic', { token: key, body });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({ id: 'ncic', entries: 15_000 });
    expect(hub.stderr()).toContain('hotlist-worker.mjs is missing');

    const read = (id: string) => ({
      id, plate: 'NW14999', plateState: 'IL', readAt: new Date().toISOString(), location: { lat: 41.83, lon: -87.63 },
      camera: { id: 'cam-1', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    });
    expect((await call(hub.url, 'POST', '/reads', { token: key, body: { reads: [read('no-worker-1')] } })).body.hits).toHaveLength(1);

    await hub.stop();
    hub = await serve();
    const again = await call(hub.url, 'POST', '/reads', { token: key, body: { reads: [read('no-worker-2')] } });
    expect(again.status, again.text).toBe(202);
    expect(again.body.hits).toHaveLength(1);
  });
});
