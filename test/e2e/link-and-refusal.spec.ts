/**
 * The link and the hub's word: NOT RECEIVING ALERTS (banner at once, distinct alarm after 30 s);
 * a step the hub refuses is shown plainly; sign-in asks for the TOTP code only when needed.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { authenticator } from 'otplib';
import { expect, playedSounds, recordSounds, shot, signIn, test, TROOPER } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { startWebHost } from '../../src/webhost/web-host.js';

test('the hub goes away: NOT RECEIVING ALERTS at once, and its own alarm after 30 s', async ({ page, desk }) => {
  test.setTimeout(120_000);
  await recordSounds(page);
  await signIn(page, desk);
  await desk.hub.close();
  await expect(page.getByTestId('presence-banner')).toContainText('NOT RECEIVING ALERTS');
  await expect(page.getByTestId('link-state')).toContainText('NOT RECEIVING');
  await expect.poll(() => playedSounds(page), { timeout: 75_000 }).toContain('link-lost');
  await expect(page.getByTestId('presence-banner')).toHaveClass(/presence-alarm/);
  await shot(page, '50-link-alarm');
});

/** A TCP relay between a desk and the hub that the test can cut and restore. */
class Relay {
  private server: Server;
  private readonly open = new Set<Socket>();
  private cut = false;
  port = 0;
  constructor(private readonly target: number) {
    this.server = createServer((client) => {
      if (this.cut) return client.destroy();
      const upstream = connect(this.target, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => s.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }
  async start(): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as { port: number }).port;
  }
  sever(): void {
    this.cut = true;
    for (const s of this.open) s.destroy();
  }
  restore(): void {
    this.cut = false;
  }
  close(): void {
    this.sever();
    this.server.close();
  }
}

test('a step the hub refuses is shown plainly', async ({ page, desk, browser }) => {
  // Desk A reaches the hub through a relay; desk B (same trooper) directly.
  const relay = new Relay(desk.hub.port);
  await relay.start();
  const hostA = await startWebHost({ hubUrl: `http://127.0.0.1:${relay.port}`, dataDir: mkdtempSync(`${tmpdir()}/opentas-a-`), port: 0 });
  const pageB = await browser.newPage();
  try {
    await signIn(page, { ...desk, host: hostA });
    await signIn(pageB, desk);
    const hit = makeHit({ category: 'felony', plate: 'REF0001' });
    await desk.postHit(hit);
    await expect(page.getByTestId('alert-card')).toBeVisible();
    await page.getByTestId('ack-now').click();
    await expect(page.getByTestId('verify-form')).toBeVisible();
    await expect(page.locator('.pending')).toHaveCount(0);

    // Desk A loses the hub; meanwhile the same trooper closes the alert at desk B.
    relay.sever();
    await expect(page.getByTestId('presence-banner')).toContainText('NOT RECEIVING ALERTS');
    await expect(pageB.getByTestId('alert-card')).toBeVisible();
    await pageB.getByTestId('close-unverified').click();
    await pageB.getByTestId('close-form').getByLabel('Close reason').selectOption('duplicate');
    await pageB.getByTestId('close-submit').click();
    await expect(pageB.getByTestId('popup-empty')).toBeVisible();

    // Desk A, still offline, records a verification: it waits in the outbox as pending...
    const form = page.getByTestId('verify-form');
    await form.getByLabel('LEADS', { exact: true }).check();
    await form.getByLabel(/^Confirmed/).check();
    await form.getByTestId('verify-submit').click();
    await expect(page.getByTestId('gate')).toContainText('pending');
    await shot(page, '51-pending-offline');

    // ...and when the link is back the hub refuses it (the trail is closed): say so.
    relay.restore();
    await page.getByRole('button', { name: 'All alerts' }).click();
    await expect(page.getByTestId('alert-table')).toContainText('refused by hub');
    await page.getByRole('button', { name: 'Open alert REF0001' }).click();
    await expect(page.getByTestId('hub-refusal')).toContainText('The hub refused “Verification”');
    await expect(page.getByTestId('hub-refusal')).toContainText('trail_closed');
    await shot(page, '52-hub-refusal');
  } finally {
    await pageB.close();
    await hostA.close();
    relay.close();
  }
});

test('sign-in asks for the authenticator code when the account has one', async ({ page, desk }) => {
  const created = await desk.hub.admin.addUser({ username: 'tpr.totp', password: TROOPER.password, roles: ['trooper'], unit: 'Troop 3', totp: true });
  await page.goto(desk.host.url);
  await page.getByLabel('Username').fill('tpr.totp');
  await page.getByLabel('Password').fill(TROOPER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Authenticator code')).toBeVisible();
  await shot(page, '53-sign-in-otp');
  await page.getByLabel('Authenticator code').fill(authenticator.generate(created.totpSecret ?? ''));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
});
