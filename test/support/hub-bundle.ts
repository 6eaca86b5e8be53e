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
import type { TestProject } from 'vitest/node';
import { buildHub, REPO_ROOT } from '../../scripts/build-hub.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built hub CLI (an .mjs file run with `node FILE ARGS`). */
    hubCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, 'test-results', 'hub-cli-'));
  project.provide('hubCli', await buildHub(join(dir, 'opentas-hub.mjs')));
  return () => rmSync(dir, { recursive: true, force: true });
}
