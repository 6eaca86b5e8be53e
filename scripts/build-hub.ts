/**
 * `npm run build:hub`: the hub's CLI as one JavaScript file, dist-hub/opentas-hub.mjs (esbuild, about a
 * second). A hub started from it skips compiling the TypeScript sources through tsx at every start
 * (about 2 s of CPU), which is most of a restart: what a reconnect storm waits for. bin/opentas-hub.js
 * runs it when it is newer than the sources; the test tiers and the benchmarks build their own copy.
 * Dependencies stay in node_modules (native modules included), so the file runs inside the checkout.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_HUB_BUILD = join(REPO_ROOT, 'dist-hub', 'opentas-hub.mjs');

export async function buildHub(outfile: string = DEFAULT_HUB_BUILD): Promise<string> {
  mkdirSync(dirname(outfile), { recursive: true });
  const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: 'inline', logLevel: 'warning' } as const;
  await build({ ...options, entryPoints: [join(REPO_ROOT, 'src/backend/cli.ts')], outfile });
  // The SQLite chain check's and checkpointer's worker threads are scripts of their own (plain JavaScript), found beside
  // the bundle; the chain check's imports the chain's link rule (src/backend/audit/chain-link.mjs), so it is bundled with it.
  await build({ ...options, entryPoints: [join(REPO_ROOT, 'src/backend/store/sqlite/chain-worker.mjs')], outfile: join(dirname(outfile), 'chain-worker.mjs') });
  copyFileSync(join(REPO_ROOT, 'src/backend/store/sqlite/checkpoint-worker.mjs'), join(dirname(outfile), 'checkpoint-worker.mjs'));
  // The hot-list worker thread (TypeScript: it validates with the protocol's schemas) is bundled beside it too.
  await build({ ...options, entryPoints: [join(REPO_ROOT, 'src/backend/matcher/hotlist-worker.ts')], outfile: join(dirname(outfile), 'hotlist-worker.mjs') });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const out = await buildHub();
  console.log(`build:hub: ${out} in ${Date.now() - started} ms`);
}
