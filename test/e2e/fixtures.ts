/**
 * Per test: a real hub (SQLite in a temp dir, port 0) with a trooper and an ingest key, and the
 * browser host (port 0) serving the built renderer. Hits go in through POST /api/v1/hits, exactly
 * as a vendor adapter sends them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import type { Hit } from '../../src/shared/protocol/index.js';
import { DESK_PASSWORD } from '../support/passwords.js';

export const TROOPER = { username: 'tpr.kowalski', password: DESK_PASSWORD, displayName: 'Tpr. Dana Kowalski' };
export const OTHER = { username: 'tpr.ortega', password: DESK_PASSWORD, displayName: 'Tpr. Luis Ortega' };

export interface Desk {
  hub: RunningHub;
  host: WebHost;
  ingestKey: string;
  trooperId: string;
  postHit(hit: Hit): Promise<{ id: string; seq: number }>;
}

export const test = base.extend<{ desk: Desk }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
  desk: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'opentas-e2e-'));
    // The desk's own log, printed only when the test fails: what the link and the session did.
    const hostLog: string[] = [];
    const hub = await startHub({ port: 0, dataDir: join(dir, 'hub') });
    const trooper = await hub.admin.addUser({ ...TROOPER, roles: ['trooper'], unit: 'Troop 3' });
    await hub.admin.addUser({ ...OTHER, roles: ['trooper'], unit: 'Troop 3' });
    const ingestKey = await hub.admin.addIngestKey('e2e-adapter');
    const host = await startWebHost({ hubUrl: hub.url, dataDir: join(dir, 'client'), port: 0, log: (line) => void hostLog.push(line) });
    const desk: Desk = {
      hub,
      host,
      ingestKey,
      trooperId: trooper.user.id,
      async postHit(hit) {
        const res = await fetch(`${hub.url}/api/v1/hits`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(hit),
        });
        expect(res.status, await res.clone().text()).toBe(202);
        return (await res.json()) as { id: string; seq: number };
      },
    };
    await use(desk);
    if (testInfo.status !== testInfo.expectedStatus) {
      console.log(`desk log of the failed test (last 60 of ${hostLog.length} lines):\n${hostLog.slice(-60).join('')}`);
    }
    await host.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Records every `playing` event of the page's audio, before any script of the page runs. */
export async function recordSounds(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __played: string[]; document: { addEventListener: (t: string, f: (e: { target: { dataset?: Record<string, string> } }) => void, c: boolean) => void } };
    w.__played = [];
    w.document.addEventListener('playing', (e) => w.__played.push(e.target.dataset?.sound ?? '?'), true);
  });
}

export async function playedSounds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __played: string[] }).__played);
}

export async function signIn(page: Page, desk: Desk, who = TROOPER): Promise<void> {
  await page.goto(desk.host.url);
  await expect(page.getByText('restricted', { exact: false }).first()).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
}

/**
 * How long a map may take to draw its first frame: maps here render in software WebGL (SwiftShader),
 * and at load 25 on two shared cores the popup's first frame took over the 20 s default (the
 * accessibility test, session 6's browser repeat). A wait for a state, not a measurement.
 */
export const MAP_DRAWN = { timeout: 60_000 };

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
