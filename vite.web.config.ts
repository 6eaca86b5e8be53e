/**
 * Builds the renderer for the browser host (and anything else that serves plain files) into
 * dist-web/. Nothing is inlined as data: URIs, so the strict CSP needs no `data:` for media or
 * workers; relative paths so the same files load from app:// or http://.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
  },
  server: { fs: { allow: [import.meta.dirname] } },
});
