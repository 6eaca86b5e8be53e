// Rebuild native modules (better-sqlite3, keytar) for Electron's ABI, but only where the Electron
// binary is really installed. Where it is not (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as in CI), the
// modules stay built for Node, which is what the hub, the browser host and the tests use.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const electronPath = electronBinary();
if (!electronPath || process.env.OPENTAS_SKIP_APP_DEPS === '1') {
  console.log('postinstall: Electron binary not installed; native modules stay built for Node.');
  process.exit(0);
}
console.log('postinstall: Electron found; rebuilding native modules for its ABI (electron-builder install-app-deps).');
const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
