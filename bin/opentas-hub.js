#!/usr/bin/env node
// Launcher for the hub CLI. It runs the build (dist-hub/opentas-hub.mjs, `npm run build:hub`) when that is
// newer than every source file it was built from; otherwise it registers tsx and runs the TypeScript
// sources as they are, so an edited source is never shadowed by a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist-hub', 'opentas-hub.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  if (!existsSync(built)) return false;
  const sources = ['src/backend', 'src/shared'].map((d) => newestSource(join(root, d)));
  return statSync(built).mtimeMs >= Math.max(...sources);
}

if (buildIsFresh()) {
  const { main } = await import(pathToFileURL(built).href);
  process.exit(await main(process.argv.slice(2)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(pathToFileURL(join(root, 'src/backend/cli.ts')).href);
  process.exit(await main(process.argv.slice(2)));
}
