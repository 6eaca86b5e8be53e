/**
 * electron-vite 4: the main process (ESM, node_modules left external), the preload (CommonJS,
 * everything but `electron` bundled, since a sandboxed preload cannot load modules), and the
 * renderer (src/renderer/index.html, the same build settings as the browser host's).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
// The pinned Electron (build/electron-version.json): the renderer is built for its Chromium, not for
// electron-vite's own table, which stops at an older major and then falls back to its newest entry.
const pinned = JSON.parse(readFileSync(resolve(root, 'build/electron-version.json'), 'utf8')) as {
  electron: number;
  chromium: number;
};

export default defineConfig({
  main: {
    // keytar is an optional (native) dependency: load it from node_modules, never bundle it.
    plugins: [externalizeDepsPlugin({ include: ['keytar'] })],
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      target: `chrome${pinned.chromium}`,
      outDir: resolve(root, 'out/renderer'),
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
