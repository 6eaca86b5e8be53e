// The Electron end-to-end tier: where the Electron binary is installed, build the app and run the
// Playwright `_electron` tests; where it is not (this machine), say so in one line and pass.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '../..');

if (!electronBinary()) {
  console.log('electron e2e: not run (Electron binary not installed)');
  process.exit(0);
}
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const tests = spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'test/electron/playwright.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(tests.status ?? 1);
