// Where the Electron binary is, or null where it is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1,
// as on CI and this machine). `npm start`, the postinstall rebuild and the Electron e2e tier all
// decide on this one answer, so they cannot disagree about whether Electron is there.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {string | null} */
export function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    // electron's own install script writes path.txt only once the binary is unpacked.
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
