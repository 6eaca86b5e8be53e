/** Playwright `_electron` tests of the packaged-like app (out/ built by electron-vite). */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron-artifacts',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
});
