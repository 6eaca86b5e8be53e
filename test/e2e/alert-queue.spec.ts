/**
 * Issue 5: an AMBER hit and a stolen hit arriving together are queued AMBER first, the AMBER
 * pattern plays (a real `playing` event) until acknowledged, then the stolen one's; the keyboard
 * reaches everything (A acknowledge, arrows through the queue, Esc minimise).
 */
import { expect, playedSounds, recordSounds, shot, signIn, test } from './fixtures.js';
import { makeHit } from '../support/hits.js';

test('AMBER and stolen together: AMBER first, its alarm plays until acknowledged', async ({ page, desk }) => {
  await recordSounds(page);
  await signIn(page, desk);
  const stolen = makeHit({ category: 'stolen', plate: 'STL4455' });
  const amber = makeHit({
    category: 'amber',
    plate: 'AMB3210',
    hotlist: { source: 'LEADS', plate: 'AMB3210', state: 'IL', reason: 'AMBER Alert: abducted child, 6, believed in vehicle' },
  });
  // Stolen first on the wire: the order on screen must still be AMBER first.
  await Promise.all([desk.postHit(stolen), desk.postHit(amber)]);

  const queue = page.getByTestId('queue');
  await expect(queue.locator('[data-alert-id]')).toHaveCount(2);
  await expect(queue.locator('[data-alert-id]').first()).toHaveAttribute('data-category', 'amber');
  await expect(queue.locator('[data-alert-id]').nth(1)).toHaveAttribute('data-category', 'stolen');
  await expect(page.getByTestId('queue-count')).toContainText('2 open alerts');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'amber');
  await expect(page.getByTestId('alarm-audio')).toHaveAttribute('data-sound', 'urgent');
  await expect.poll(() => playedSounds(page)).toContain('urgent');
  await shot(page, '11-queue-amber-first');
  // A 1080p desk monitor: the steps sit beside the facts.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, '11b-queue-amber-1080p');
  await page.setViewportSize({ width: 1440, height: 1000 });

  // A (keyboard) acknowledges the AMBER alert: its alarm stops, the stolen one's starts.
  await page.keyboard.press('a');
  await expect(page.getByTestId('gate')).toContainText('Acknowledged');
  await expect(page.getByTestId('alarm-audio')).toHaveAttribute('data-sound', 'vehicle');
  await expect.poll(() => playedSounds(page)).toContain('vehicle');

  // Arrows move through the queue.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'stolen');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'amber');
  await shot(page, '12-amber-acknowledged');

  // V jumps to the verification form.
  await page.keyboard.press('v');
  await expect(page.locator('#verify-first')).toBeFocused();

  // Esc minimises to the console; nothing is dropped.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('alert-table').locator('tbody tr')).toHaveCount(2);
  await shot(page, '13-console-after-esc');
});

test('ten minutes unverified: the alert escalates (red, OVERDUE, sound again)', async ({ page, desk }) => {
  await recordSounds(page);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony', readAt: new Date(Date.now() - 11 * 60_000).toISOString() }));
  await expect(page.getByTestId('timer')).toContainText('OVERDUE');
  await expect(page.getByTestId('alert-card')).toHaveClass(/overdue/);
  await expect.poll(() => playedSounds(page)).toContain('overdue');
  await shot(page, '14-overdue');
});

test('settings: a test button per sound; quiet lowers only non-mandatory categories', async ({ page, desk }) => {
  await recordSounds(page);
  await signIn(page, desk);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('test-sound-link-lost').click();
  await expect.poll(() => playedSounds(page)).toContain('link-lost');
  await page.getByTestId('test-sound-urgent').click();
  await expect.poll(() => playedSounds(page)).toContain('urgent');
  await page.getByLabel(/Quiet: lower non-mandatory/).check();
  await expect(page.getByLabel(/Quiet: lower non-mandatory/)).toBeChecked();
  await shot(page, '15-settings');

  // Quiet lowers a non-mandatory category only; a mandatory one keeps the full volume.
  const volume = (): Promise<number> => page.getByTestId('alarm-audio').evaluate((a) => (a as unknown as { volume: number }).volume);
  await desk.postHit(makeHit({ category: 'registration', plate: 'REG3030' }));
  await expect(page.getByTestId('alarm-audio')).toHaveAttribute('data-category', 'registration');
  await expect.poll(volume).toBeCloseTo(0.8 * 0.25, 2);
  await desk.postHit(makeHit({ category: 'amber', plate: 'AMB4040' }));
  await expect(page.getByTestId('alarm-audio')).toHaveAttribute('data-category', 'amber');
  await expect.poll(volume).toBeCloseTo(0.8, 2);
});

test('closing the alert on screen moves straight on to the next one in the queue', async ({ page, desk }) => {
  await signIn(page, desk);
  await Promise.all([desk.postHit(makeHit({ category: 'felony', plate: 'FEL1111' })), desk.postHit(makeHit({ category: 'local', plate: 'LOC2222' }))]);
  await expect(page.getByTestId('queue').locator('[data-alert-id]')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'local');
  await page.getByTestId('ack-now').click();
  await page.getByTestId('close-unverified').click();
  await page.getByTestId('close-submit').click();
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'felony');
  await expect(page.getByTestId('queue-count')).toContainText('1 open alert');
});

test('a more urgent alert never pulls the acknowledged one away mid-verification; it is announced', async ({ page, desk }) => {
  await recordSounds(page);
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', plate: 'STL5151' }));
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'stolen');
  await page.getByTestId('ack-now').click();
  await page.getByTestId('verify-form').getByLabel('LEADS', { exact: true }).check();

  await desk.postHit(makeHit({ category: 'amber', plate: 'AMB5252' }));
  await expect(page.getByTestId('more-urgent')).toContainText('AMBER ALERT');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'stolen');
  await expect(page.getByTestId('verify-form').getByLabel('LEADS', { exact: true })).toBeChecked();
  await expect(page.getByTestId('alarm-audio')).toHaveAttribute('data-sound', 'urgent');
  await shot(page, '17-more-urgent-waiting');

  await page.getByTestId('more-urgent').getByRole('button', { name: 'Switch to it' }).click();
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'amber');
});

test("a click on an alert's desktop notification opens that alert, though a more urgent one is first", async ({ page, desk }) => {
  await signIn(page, desk);
  const stolen = makeHit({ category: 'stolen', plate: 'STL3333' });
  await desk.postHit(stolen);
  await desk.postHit(makeHit({ category: 'amber', plate: 'AMB4444' }));
  await expect(page.getByTestId('queue').locator('[data-alert-id]')).toHaveCount(2);
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'amber');
  // The notification names the camera, never the plate (it outlives the lock in the OS notification centre).
  expect(desk.host.notifier.shown.map((n) => n.camera)).toEqual([stolen.camera.name, stolen.camera.name]);
  expect(JSON.stringify(desk.host.notifier.shown)).not.toMatch(/STL3333|AMB4444/);
  // What the Electron notification's click handler calls.
  desk.host.app.openAlert(stolen.id);
  await expect(page).toHaveURL(new RegExp(`#/alerts/${stolen.id}$`));
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'stolen');
  await expect(page.getByTestId('plate-read')).toContainText('STL3333');
});

test('a long queue fits the window: its list scrolls under the count and the arrows keep the alert on screen in sight', async ({ page, desk }) => {
  await signIn(page, desk);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const hits = Array.from({ length: 40 }, (_, i) => makeHit({ category: 'stolen', plate: `QLN${String(i).padStart(4, '0')}` }));
  for (const hit of hits) await desk.postHit(hit);
  const queue = page.getByTestId('queue');
  await expect(page.getByTestId('queue-count')).toContainText('40 open alerts');

  // The whole queue (count and list) inside the window; the list scrolls, the page does not grow for it.
  const box = async (testId: string) => (await page.getByTestId(testId).boundingBox())!;
  const nav = (await page.getByRole('navigation', { name: 'Alert queue' }).boundingBox())!;
  expect(nav.y + nav.height).toBeLessThanOrEqual(1080);
  expect(await queue.evaluate((ol) => ol.scrollHeight > ol.clientHeight)).toBe(true);

  // Thirty arrows down: the current line is in the list's visible part, and the card shows it.
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  const current = queue.locator('[aria-current="true"]');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-alert-id', (await current.getAttribute('data-alert-id'))!);
  await expect.poll(async () => {
    const list = await box('queue');
    const line = (await current.boundingBox())!;
    return line.y >= list.y - 1 && line.y + line.height <= list.y + list.height + 1;
  }).toBe(true);
  expect(await queue.evaluate((ol) => ol.scrollTop)).toBeGreaterThan(0);
  await expect(page.getByTestId('queue-count')).toBeInViewport();
  await shot(page, '13b-long-queue-scrolled');
});
