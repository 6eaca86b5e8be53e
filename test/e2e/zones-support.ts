/**
 * Helpers for the Zones workspace specs: a dispatcher's desk (a second browser host on the same
 * hub), clicks on the map canvas at offsets from its centre, and the zones as the hub stores them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import type { Zone } from '../../src/shared/protocol/index.js';
import { expect, type Desk } from './fixtures.js';
import { DESK_PASSWORD } from '../support/passwords.js';

export const DISPATCHER = { username: 'disp.nguyen', password: DESK_PASSWORD, displayName: 'Disp. Mai Nguyen' };

export async function dispatcherDesk(desk: Desk): Promise<WebHost> {
  await desk.hub.admin.addUser({ ...DISPATCHER, roles: ['dispatcher'], unit: 'District Chicago' });
  return startWebHost({ hubUrl: desk.hub.url, dataDir: join(mkdtempSync(join(tmpdir(), 'opentas-e2e-disp-')), 'client'), port: 0 });
}

export async function signInAt(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
}

export async function openZones(page: Page, url: string, path = '/zones'): Promise<void> {
  await page.goto(`${url}#${path}`);
  // The county outlines are tiled in maplibre's worker first: slow on a loaded machine.
  await expect(page.getByTestId('zone-map')).toHaveAttribute('data-loaded', 'true', { timeout: 120_000 });
}

/**
 * Where on the page a point `dx, dy` pixels from the map's centre is, once the map has taken the
 * size of its box: a click the map reads with an older size lands somewhere else on the earth.
 */
export async function mapPoint(page: Page, dx: number, dy: number): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('zone-map');
  await expect
    .poll(() => map.evaluate((el) => {
      const canvas = el.querySelector('canvas');
      return canvas ? `${canvas.clientWidth}x${canvas.clientHeight}` === `${el.clientWidth}x${el.clientHeight}` : false;
    }))
    .toBe(true);
  const box = await map.boundingBox();
  if (!box) throw new Error('the zone map is not on the page');
  return { x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy };
}

/** Clicks corners on the map (offsets from its centre), then the first one again to close the ring. */
export async function drawRing(page: Page, corners: [number, number][]): Promise<void> {
  for (const [dx, dy] of [...corners, corners[0] as [number, number]]) {
    const p = await mapPoint(page, dx, dy);
    await page.mouse.click(p.x, p.y);
  }
}

export async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const a = await mapPoint(page, ...from);
  const b = await mapPoint(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) await page.mouse.move(a.x + ((b.x - a.x) * i) / 8, a.y + ((b.y - a.y) * i) / 8);
  await page.mouse.up();
}

export async function storedZone(desk: Desk, id: string): Promise<Zone | undefined> {
  return (await desk.hub.store.zones.list()).find((z) => z.id === id);
}

export function setTheme(page: Page, theme: 'dark' | 'light'): Promise<unknown> {
  return page.evaluate((t) => (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke('settings:set', { theme: t }), theme);
}
