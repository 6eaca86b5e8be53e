/**
 * Issue 8, the Troop view: a dispatcher sees the Troop's alerts on a map and in a list, the one
 * nobody has acknowledged marked and first; when another desk (a trooper's, over its own socket)
 * acknowledges, the view shows who took it without a reload (the hub's `troop` push); selecting an
 * alert shows its trail and is an address (`#/troop/<id>`). Screenshots in both themes and sizes.
 */
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expect, OTHER, shot, signIn, test, type Desk, MAP_DRAWN } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { DESK_PASSWORD } from '../support/passwords.js';

const DISPATCHER = { username: 'disp.harris', password: DESK_PASSWORD, displayName: 'Disp. Renee Harris' };

/** Another trooper's desk: signed in to the hub and on the alert stream, as a real client is. */
async function otherDesk(desk: Desk): Promise<{ socket: Socket; alerts: string[]; ack(alertId: string): Promise<unknown> }> {
  const res = await fetch(`${desk.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: OTHER.username, password: OTHER.password }) });
  expect(res.status).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const alerts: string[] = [];
  const socket = io(`${desk.hub.url}/alerts`, { transports: ['websocket'], auth: { token: accessToken, clientId: 'ortega-desk' }, reconnection: false, forceNew: true });
  socket.on('alert', (a: { alert: { id: string } }, cb?: (x: unknown) => void) => {
    alerts.push(a.alert.id);
    cb?.({ received: true });
  });
  return {
    socket,
    alerts,
    ack: (alertId) => socket.timeout(10_000).emitWithAck('ack', { eventId: randomUUID(), alertId, type: 'acknowledged', at: new Date().toISOString() }),
  };
}

/** Through the Settings screen, as a user does it, then back to the screen that was open. */
async function setTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  const back = page.url();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark (night shift)' : 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.goBack();
  await expect(page).toHaveURL(back);
}

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n'), `axe on ${screen}`).toBe('');
}

test('the Troop view shows another desk’s acknowledgement live, and a selected alert’s trail', async ({ page, desk }) => {
  // Two themes at two sizes, each with a map drawn and an axe pass, on a shared two-core machine.
  test.setTimeout(300_000);
  await desk.hub.admin.addUser({ ...DISPATCHER, roles: ['dispatcher'], unit: 'Troop 3' });
  const other = await otherDesk(desk);
  try {
    const taken = makeHit({ category: 'stolen', plate: 'TRP3001' });
    const waiting = makeHit({ category: 'felony', plate: 'TRP3002', camera: { id: 'isp-i55-0101', name: 'I-55 SB @ Cicero Ave', type: 'expressway', network: 'isp' }, location: { lat: 41.79, lon: -87.74 } });
    await desk.postHit(taken);
    await desk.postHit(waiting);
    await expect.poll(() => other.alerts.length).toBe(2);
    expect(await other.ack(taken.id)).toMatchObject({ ok: true });

    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, desk, DISPATCHER);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Troop view' }).click();
    await expect(page).toHaveURL(/#\/troop$/);
    const rows = page.getByTestId('troop-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    // Nobody has acknowledged the felony: it stands out (in words) and comes first.
    await expect(rows.nth(0)).toHaveAttribute('data-alert-id', waiting.id);
    await expect(rows.nth(0)).toContainText('NOBODY HAS ACKNOWLEDGED');
    await expect(rows.nth(1)).toContainText(`${OTHER.displayName}: Acknowledged, verifying`);
    await expect(page.getByTestId('troop-counts')).toContainText('1 not acknowledged');

    // Another desk acknowledges: the view follows without a reload.
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    expect(await other.ack(waiting.id)).toMatchObject({ ok: true });
    const row = page.locator(`tr[data-alert-id="${waiting.id}"]`);
    await expect(row).toContainText(`${OTHER.displayName}: Acknowledged, verifying`);
    await expect(row).toHaveAttribute('data-standing', 'open');
    await expect(page.getByTestId('troop-counts')).toContainText('0 not acknowledged');
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Selecting shows its trail, and the address names it.
    await row.getByRole('button', { name: /Show the trail of TRP3002/ }).click();
    await expect(page).toHaveURL(new RegExp(`#/troop/${waiting.id}$`));
    const trail = page.getByTestId('troop-trail');
    await expect(trail).toContainText('TRP3002');
    await expect(trail).toContainText(`${OTHER.displayName} Acknowledged`);
    await expect(page.getByTestId('troop-map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);

    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      await expect(page.getByTestId('troop-trail')).toContainText('TRP3002');
      for (const [w, h] of [[1920, 1080], [1366, 768]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await expect(page.getByTestId('troop-map')).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
        if (w === 1920) await noSeriousViolations(page, `troop view ${theme}`);
        await shot(page, `82-troop-view-${theme}-${w}`);
      }
    }
  } finally {
    other.socket.close();
  }
});

test('a trooper is not offered the Troop view, and the hub refuses its read in words', async ({ page, desk }) => {
  await signIn(page, desk);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Troop view' })).toHaveCount(0);
  // Past the console's own check: the hub is the authority, and its 403 comes back as words.
  const answer = await page.evaluate(() => (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke('troop:alerts', { hours: 12 }));
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', status: 403, message: expect.stringContaining('Not allowed') } });
});
