/**
 * Shared steps of the accounts specs (issue 9): an admin account on the fixture's hub, a second
 * browser host for a second desk, signing in and out as anyone, talking to the hub as the admin,
 * and each screen's screenshots in both themes at both sizes with an axe check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import { expect, shot, type Desk } from './fixtures.js';

export const ADMIN = { username: 'adm.reyes', password: 'Admin-Desk-Night-2026', displayName: 'Sgt. Ana Reyes (ALPR Coordinator)' };

export async function addAdmin(desk: Desk): Promise<string> {
  const admin = await desk.hub.admin.addUser({ ...ADMIN, roles: ['admin'], unit: 'District Chicago' });
  return admin.user.id;
}

/** A second desk (its own client app and browser host) on the same hub. */
export async function secondHost(desk: Desk): Promise<WebHost & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-e2e-desk2-'));
  const host = await startWebHost({ hubUrl: desk.hub.url, dataDir: dir, port: 0 });
  return Object.assign(host, {
    async dispose() {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Signs in through the form and waits for the console (any role). */
export async function signInAs(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** The hub's HTTP API as the admin (for set-up steps a test does not exercise through the UI). */
export async function asAdmin(desk: Desk, method: string, path: string, body?: unknown): Promise<unknown> {
  const login = await fetch(`${desk.hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${desk.hub.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** The agency's street map in the hub's policy (`baseMap`), set by an admin of its own over HTTP as the Policy screen does. */
export async function setAgencyMap(desk: Desk, pmtiles: string): Promise<void> {
  const mapAdmin = { username: 'adm.maps', password: 'Admin-Maps-Desk-2026' };
  await desk.hub.admin.addUser({ ...mapAdmin, roles: ['admin'], unit: 'HQ' });
  const login = await fetch(`${desk.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mapAdmin) });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const policy = (await (await fetch(`${desk.hub.url}/api/v1/policy`, { headers })).json()) as Record<string, unknown>;
  const put = await fetch(`${desk.hub.url}/api/v1/policy`, { method: 'PUT', headers, body: JSON.stringify({ ...policy, baseMap: { pmtiles } }) });
  expect(put.status, await put.clone().text()).toBe(200);
}

export async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
  expect(report, `axe on ${screen}`).toBe('');
}

/**
 * Saves the theme and applies it to this page without a reload (the main process sends no settings
 * event, and a reload would lose what a screen shows once, such as a one-use password).
 */
export async function setTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate(async (t) => {
    const g = globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> }; document: { documentElement: { dataset: Record<string, string> } } };
    await g.tas.invoke('settings:set', { theme: t });
    g.document.documentElement.dataset.theme = t;
  }, theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/** A screen's secondary state (a confirmation, a one-use secret): one screenshot, checked with axe. */
export async function shootOnce(page: Page, name: string): Promise<void> {
  await noSeriousViolations(page, name);
  await shot(page, name);
}

/**
 * Screenshots of the screen as it is, in both themes at both sizes; axe checks each theme once, at
 * the smaller size (what it checks, contrast and names, does not change with the window's width).
 */
export async function shootEverywhere(page: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      if (size.width === 1366) await noSeriousViolations(page, `${name} ${theme}`);
      await shot(page, `${name}-${theme}-${size.width}`);
    }
  }
  await setTheme(page, 'dark');
  await page.setViewportSize({ width: 1440, height: 1000 });
}
