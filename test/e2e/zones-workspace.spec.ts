/**
 * Issue 8, the dispatcher's Zones workspace, through the browser host and a real hub: a dispatcher
 * draws a zone with mouse clicks on the map canvas, saves it, drags a vertex, cuts a hole; the
 * trooper it is assigned to then receives a hit inside it and not one outside it, while a
 * statewide AMBER hit outside it still arrives. A GeoJSON file with one broken ring imports
 * nothing and names the feature; a good file imports. An earlier version is restored.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZoneIndex } from '../../src/shared/geo/zone-index.js';
import type { Zone } from '../../src/shared/protocol/index.js';
import { expect, signIn, test, TROOPER } from './fixtures.js';
import { makeHit } from '../support/hits.js';
import { DISPATCHER, dispatcherDesk, drag, drawRing, mapPoint, openZones, signInAt, storedZone } from './zones-support.js';

// Two desks, a hub and a map each: generous on a shared two-core machine.
test.setTimeout(900_000);

const ringsOf = (z: Zone | undefined): number[][][] => (z?.geometry.type === 'Polygon' ? (z.geometry.coordinates as number[][][]) : []);

/** A point inside the zone (and outside its hole): the middle of its outer ring's west edge band. */
function pointInside(zone: Zone): { lon: number; lat: number } {
  const outer = ringsOf(zone)[0] ?? [];
  const index = new ZoneIndex([{ id: zone.id, geometry: zone.geometry }]);
  const xs = outer.map((p) => p[0] as number);
  const ys = outer.map((p) => p[1] as number);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 1; i < 20; i += 1) {
    for (let j = 1; j < 20; j += 1) {
      const lon = w + ((e - w) * i) / 20;
      const lat = s + ((n - s) * j) / 20;
      if (index.containsAny(lon, lat)) return { lon, lat };
    }
  }
  throw new Error('no point inside the zone');
}

test('a dispatcher draws, edits and cuts a hole in a zone; its trooper gets only what falls inside (and AMBER)', async ({ browser, page, desk }) => {
  const host = await dispatcherDesk(desk);
  try {
    await signInAt(page, host.url, DISPATCHER);
    await openZones(page, host.url);

    // Draw: five clicks on the canvas (four corners, then the first again to close).
    await page.getByRole('button', { name: 'New zone' }).click();
    await expect(page.getByRole('button', { name: 'Draw area' })).toHaveAttribute('aria-pressed', 'true');
    await drawRing(page, [
      [-150, -110],
      [150, -110],
      [150, 110],
      [-150, 110],
    ]);
    await page.getByLabel('Name').fill('South Side test zone');
    await page.getByRole('checkbox', { name: /Tpr\. Dana Kowalski/ }).check();
    const create = page.getByRole('button', { name: 'Create zone' });
    await expect(create).toBeEnabled();
    await create.click();
    await expect(page.locator('[data-zone-id="south-side-test-zone"]')).toBeVisible();
    const created = await storedZone(desk, 'south-side-test-zone');
    expect(ringsOf(created)).toHaveLength(1);
    expect(ringsOf(created)[0]).toHaveLength(5);
    expect(created?.assignees.users).toEqual([desk.trooperId]);

    // Drag the north-east corner outwards: select the ring, then drag the vertex.
    const centre = await mapPoint(page, -100, 60);
    await page.mouse.click(centre.x, centre.y);
    await drag(page, [150, -110], [210, -150]);
    const save = page.getByRole('button', { name: 'Save changes' });
    await expect(save).toBeEnabled();
    await save.click();
    await expect.poll(async () => JSON.stringify(ringsOf(await storedZone(desk, 'south-side-test-zone'))[0])).not.toBe(JSON.stringify(ringsOf(created)[0]));
    const moved = await storedZone(desk, 'south-side-test-zone');
    const before = ringsOf(created)[0] ?? [];
    const after = ringsOf(moved)[0] ?? [];
    expect(after).toHaveLength(5);
    // One corner moved east and north; the others stayed.
    expect(after.filter((p) => before.some((q) => q[0] === p[0] && q[1] === p[1]))).toHaveLength(4);

    // Cut a hole in the middle.
    await page.getByRole('button', { name: 'Cut a hole' }).click();
    await drawRing(page, [
      [-40, -30],
      [40, -30],
      [40, 30],
      [-40, 30],
    ]);
    await expect(save).toBeEnabled();
    await save.click();
    await expect.poll(async () => ringsOf(await storedZone(desk, 'south-side-test-zone')).length).toBe(2);
    const zone = (await storedZone(desk, 'south-side-test-zone')) as Zone;
    const holeIndex = new ZoneIndex([{ id: 'hole', geometry: { type: 'Polygon', coordinates: [ringsOf(zone)[1] as number[][]] } }]);

    // The trooper: the zone was pushed to the desk; a hit inside arrives, one outside does not,
    // a statewide AMBER outside does.
    const trooper = await browser.newPage();
    await signIn(trooper, desk, TROOPER);
    // The hub pushed the zone to the trooper's desk (its filter now has it).
    await expect
      .poll(() => trooper.evaluate(async () => ((await (globalThis as unknown as { tas: { invoke(c: string): Promise<{ id: string }[]> } }).tas.invoke('zones:list')) ?? []).map((z) => z.id)))
      .toContain('south-side-test-zone');
    const inside = pointInside(zone);
    expect(holeIndex.containsAny(inside.lon, inside.lat)).toBe(false);
    const outside = { lon: -87.63, lat: 41.88 }; // Chicago, the Loop
    expect(new ZoneIndex([{ id: zone.id, geometry: zone.geometry }]).containsAny(outside.lon, outside.lat)).toBe(false);
    await desk.postHit(makeHit({ id: 'zone-inside', plate: 'INZ1001', location: { lat: inside.lat, lon: inside.lon } }));
    await desk.postHit(makeHit({ id: 'zone-outside', plate: 'OUT2002', location: { lat: outside.lat, lon: outside.lon } }));
    await desk.postHit(makeHit({ id: 'amber-outside', plate: 'AMB3003', category: 'amber', location: { lat: outside.lat, lon: outside.lon } }));
    // New alerts take the trooper to the Alerts screen: its queue lists each one received.
    await expect(trooper.locator('.queue-item[data-alert-id="amber-outside"]')).toBeVisible();
    await expect(trooper.locator('.queue-item[data-alert-id="zone-inside"]')).toBeVisible();
    // Alerts reach a desk in seq order: the outside hit was posted before the AMBER that arrived.
    await expect(trooper.locator('[data-alert-id="zone-outside"]')).toHaveCount(0);
    // The dispatcher's own desk (no zones: everything) has it; the trooper's does not.
    const receipts = await desk.hub.store.receipts.forAlert('zone-outside');
    expect(receipts.filter((r) => r.userId === desk.trooperId)).toEqual([]);

    // Restore the first version: a new change, recorded like any other.
    await expect(page.getByTestId('history-list').locator('li')).toHaveCount(3);
    await page.getByTestId('history-list').locator('li').last().getByRole('button', { name: 'Show on map' }).click();
    await page.getByTestId('history-list').locator('li').last().getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(async () => JSON.stringify(ringsOf(await storedZone(desk, 'south-side-test-zone')))).toBe(JSON.stringify(ringsOf(created)));
    await expect(page.getByTestId('history-list').locator('li')).toHaveCount(4);
    await trooper.close();
  } finally {
    await host.close();
  }
});

test('an import with one broken ring imports nothing and names the feature; a good file imports', async ({ page, desk }) => {
  const host = await dispatcherDesk(desk);
  try {
    await signInAt(page, host.url, DISPATCHER);
    await openZones(page, host.url);
    const dir = mkdtempSync(join(tmpdir(), 'opentas-zone-files-'));
    const square = (x: number, y: number): number[][] => [[x, y], [x + 0.2, y], [x + 0.2, y + 0.2], [x, y + 0.2], [x, y]];
    const good = { type: 'Feature', properties: { name: 'Joliet east' }, geometry: { type: 'Polygon', coordinates: [square(-88.1, 41.5)] } };
    const broken = { type: 'Feature', properties: { name: 'Broken ring' }, geometry: { type: 'Polygon', coordinates: [square(-88.5, 41.5).slice(0, 4)] } };
    const bad = join(dir, 'troop-5-zones.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [good, broken] }));
    await page.getByTestId('zone-import').setInputFiles(bad);
    await expect(page.getByTestId('import-message')).toContainText('feature 2 ("Broken ring")');
    await expect(page.getByTestId('import-message')).toContainText('not closed');
    await expect(page.getByTestId('import-message')).toContainText('Nothing was imported');
    expect(await desk.hub.store.zones.list()).toEqual([]);

    const fine = join(dir, 'troop-5-fixed.geojson');
    const second = { ...good, properties: { name: 'Joliet west' }, geometry: { type: 'Polygon', coordinates: [square(-88.5, 41.5)] } };
    writeFileSync(fine, JSON.stringify({ type: 'FeatureCollection', features: [good, second] }));
    await page.getByTestId('zone-import').setInputFiles(fine);
    await expect(page.getByTestId('import-message')).toContainText('Imported 2 zones: Joliet east, Joliet west');
    await expect(page.getByTestId('zone-rows').locator('li')).toHaveCount(2);
    expect((await desk.hub.store.zones.list()).map((z) => z.name).sort()).toEqual(['Joliet east', 'Joliet west']);
  } finally {
    await host.close();
  }
});
