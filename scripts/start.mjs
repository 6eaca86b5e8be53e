// `npm start`: build with electron-vite and run the Electron app. Without a configured hub
// (OPENTAS_HUB_URL), it first starts an embedded demo hub as a child process of the Electron
// binary itself (ELECTRON_RUN_AS_NODE=1), so native modules load with Electron's ABI, and stops it
// (by its PID) when the app exits. Where the Electron binary is not installed, it says so in one
// line and points to the browser preview.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');

const electron = electronBinary();
if (!electron) {
  console.error('npm start: the Electron binary is not installed on this machine; preview the UI in a browser with `npm run dev:web`.');
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Starts `opentas-hub serve --demo` under Electron-as-Node; resolves with its URL once listening. */
function startDemoHub() {
  const dataDir = path.join(root, '.data', 'demo-hub');
  mkdirSync(dataDir, { recursive: true });
  const hub = spawn(electron, [path.join(root, 'bin/opentas-hub.js'), 'serve', '--demo', '--simulate', '6', '--simulate-reads', '120', '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: hub.stdout }).on('line', (line) => {
      console.log(`[demo hub] ${line}`);
      const listening = /^listening on (http:\/\/\S+)$/.exec(line);
      if (listening) resolve({ hub, url: listening[1] });
    });
    hub.once('exit', (code) => reject(new Error(`the demo hub exited (${code}) before listening`)));
  });
}

let demo = null;
let hubUrl = process.env.OPENTAS_HUB_URL;
if (!hubUrl) {
  try {
    demo = await startDemoHub();
  } catch (err) {
    console.error(`npm start: ${err.message}`);
    process.exit(1);
  }
  hubUrl = demo.url;
}

const app = spawn(electron, ['.'], { cwd: root, env: { ...process.env, OPENTAS_HUB_URL: hubUrl }, stdio: 'inherit' });
const stopHub = () => {
  if (demo && demo.hub.exitCode === null) process.kill(demo.hub.pid, 'SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.once('exit', (code) => {
  stopHub();
  process.exit(code ?? 0);
});
