/**
 * Browser end-to-end tests: a real hub and the browser host (started per test by the fixture in
 * test/e2e/fixtures.ts) and the built renderer (npm run build:web), in Debian's Chromium where it
 * is installed (Playwright's own browser cannot be downloaded here), else Playwright's.
 * Screenshots of every screen go to test-results/screens/ (look at them).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e-artifacts',
  // A test signs in, drives several screens and usually draws a map with software WebGL. In the browser
  // repeat series at load 15-21 on two cores (session 5), tests without a budget of their own took up to 87 s, three
  // of them over 80 s, against a 90 s limit. The limit is for a hang, not for a slow machine: 180 s.
  // Many-screen tests set their own budget.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  // Two cores: each test runs a hub, a host and a browser.
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
      args: [
        '--no-sandbox',
        // WebGL for maplibre without a GPU: SwiftShader, not --disable-gpu.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
