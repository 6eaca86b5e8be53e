/**
 * The integration tier's global set-up: builds the hub's CLI into one JavaScript file (esbuild, under a
 * second) before any test runs, so every `opentas-hub` process a test spawns starts from plain
 * JavaScript instead of compiling the TypeScript sources through tsx at each start (about 2 s of CPU
 * per process: the CLI suites start dozens, and on a loaded 2-core machine that was minutes of the
 * tier). Built from the sources of this run into a folder of its own under test-results/ (inside the
 * repository, so the bundle's imports of dependencies find node_modules), removed at the end: never stale.
 * Outside vitest (benchmarks), support/hub.ts falls back to bin/opentas-hub.js.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built hub CLI (an .mjs file run with `node FILE ARGS`). */
    hubCli: string;
  }
}

const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, 'test-results', 'hub-cli-'));
  const outfile = join(dir, 'opentas-hub.mjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'src/backend/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as they do for the sources (native modules included).
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  project.provide('hubCli', outfile);
  return () => rmSync(dir, { recursive: true, force: true });
}
