/**
 * Issue 12, my alert history: an alert ingested while the trooper's desk was signed out reaches the
 * desk when it signs in again (replay), and the history, asked of the hub, finds it by part of its
 * plate; the trail of an acknowledged one says who did what. Screenshots 73-my-history-* in both
 * themes and sizes, axe clean.
 */
import { expect, signIn, test } from './fixtures.js';
import { shootEverywhere } from './accounts-support.js';
import { makeHit } from '../support/hits.js';

test.setTimeout(600_000);

test('the history finds an alert delivered while the desk was offline, and shows trails', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', plate: 'KP4471', plateState: 'WI' }));
  await expect(page.getByTestId('plate-read')).toContainText('KP4471');
  await page.getByTestId('ack-now').click();
  await expect(page.getByTestId('ack-now')).toHaveCount(0);

  // The desk is off the hub (signed out); an alert comes in meanwhile.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
  await desk.postHit(makeHit({ category: 'felony', plate: 'OFF1234', camera: { id: 'isp-i55-0101', name: 'I-55 SB @ Cicero Ave', type: 'expressway', network: 'isp' } }));
  await signIn(page, desk);
  // Replayed into the queue. The card may still show KP4471 (acknowledged, so a newer alert never
  // pulls it away) when the list was read before the replay arrived.
  await expect(page.getByTestId('queue')).toContainText('OFF1234');

  await page.getByRole('button', { name: 'My history' }).click();
  const screen = page.getByTestId('history-screen');
  await expect(screen.getByTestId('history-row')).toHaveCount(2);
  await screen.getByTestId('history-plate').fill('off 12');
  await screen.getByTestId('history-search').click();
  await expect(screen.getByTestId('history-row')).toHaveCount(1);
  const row = screen.getByTestId('history-row');
  await expect(row).toContainText('OFF1234');
  await expect(row).toContainText('I-55 SB @ Cicero Ave');
  await expect(row).toContainText('never acknowledged');
  await row.getByTestId('history-trail-toggle').click();
  await expect(screen).toContainText('Nobody acknowledged it.');

  await screen.getByTestId('history-plate').fill('');
  await screen.getByTestId('history-category').selectOption('stolen');
  await screen.getByTestId('history-search').click();
  await expect(screen.getByTestId('history-row')).toHaveCount(1);
  await expect(screen.getByTestId('history-row')).toContainText('acknowledged');
  await screen.getByTestId('history-trail-toggle').click();
  await expect(screen.getByTestId('history-trail')).toContainText('tpr.kowalski acknowledged');
  await shootEverywhere(page, '73-my-history');

  // A plate nobody received: said in words, not an empty table.
  await screen.getByTestId('history-category').selectOption('');
  await screen.getByTestId('history-plate').fill('ZZZ9');
  await screen.getByTestId('history-search').click();
  await expect(screen.getByTestId('history-empty')).toHaveText('No alert delivered to you matches.');
});
