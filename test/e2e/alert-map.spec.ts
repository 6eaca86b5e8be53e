/** Issue 5: the map renders offline (canvas not blank, camera marker present) with the county. */
import type { Locator } from '@playwright/test';
import { expect, shot, signIn, test, MAP_DRAWN } from './fixtures.js';
import { makeHit } from '../support/hits.js';

/**
 * Reads the map's WebGL canvas through a 2D copy and counts either its distinct colours (every 7th
 * pixel) or its pixels of the zone line's blue (#1e88e5).
 */
function countOnMapCanvas(map: Locator, what: 'distinct-colours' | 'zone-blue'): Promise<number> {
  return map.locator('canvas').evaluate((c, kind) => {
    const canvas = c as unknown as { width: number; height: number; ownerDocument: { createElement(t: string): unknown } };
    const copy = canvas.ownerDocument.createElement('canvas') as { width: number; height: number; getContext(t: string): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(canvas, 0, 0);
    const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
    if (kind === 'distinct-colours') {
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 7) colours.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
      return colours.size;
    }
    let blue = 0;
    for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 0) < 70 && (d[i + 1] ?? 0) > 110 && (d[i + 1] ?? 0) < 160 && (d[i + 2] ?? 0) > 200) blue += 1;
    return blue;
  }, what);
}

/** The map's canvas covers its box (within a pixel of each side). */
async function canvasFillsBox(map: Locator): Promise<boolean> {
  const box = (await map.boundingBox())!;
  const canvas = (await map.locator('canvas').boundingBox())!;
  return Math.abs(canvas.width - box.width) <= 3 && Math.abs(canvas.height - box.height) <= 3;
}

test('the map draws state and county outlines offline, the camera marker and the county name', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony', heading: 270, location: { lat: 41.8349, lon: -87.6251 } }));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await expect(page.getByTestId('camera-marker')).toBeVisible();
  await expect(page.getByTestId('camera-marker')).toHaveAttribute('aria-label', /heading 270 degrees/);
  await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');

  // Not blank: the WebGL canvas holds many distinct colours once the outlines are drawn.
  await expect.poll(() => countOnMapCanvas(map, 'distinct-colours'), { message: 'distinct colours on the map canvas' }).toBeGreaterThan(20);
  // The whole box: the map is built in a container of its own before it is put in the box, and was
  // left at maplibre's default 400 x 300 with the camera off the box's centre.
  await expect.poll(() => canvasFillsBox(map), { message: 'the map canvas fills its box' }).toBe(true);
  await shot(page, '10-map-felony');
});

test("the trooper's zone outline is drawn around the camera", async ({ page, desk }) => {
  await desk.hub.admin.addUser({ username: 'disp.harris', password: 'Dispatch-Desk-2026x', roles: ['dispatcher'], unit: 'Troop 3' });
  const session = (await (
    await fetch(`${desk.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'disp.harris', password: 'Dispatch-Desk-2026x' }) })
  ).json()) as { accessToken: string };
  const ring = [[-87.75, 41.75], [-87.5, 41.75], [-87.5, 41.95], [-87.75, 41.95], [-87.75, 41.75]];
  const put = await fetch(`${desk.hub.url}/api/v1/zones/troop3-chicago`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ name: 'Troop 3 - Chicago', geometry: { type: 'Polygon', coordinates: [ring] }, assignees: { users: [desk.trooperId], units: [] }, active: true }),
  });
  expect(put.status, await put.clone().text()).toBe(200);

  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', heading: 180 }));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  // The zone line colour (#1e88e5) is on the canvas.
  await expect.poll(() => countOnMapCanvas(map, 'zone-blue')).toBeGreaterThan(200);
  await shot(page, '16-map-zone');
});

test('moving through the queue moves the one map to each camera: marker, heading and county follow', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'stolen', heading: 90, location: { lat: 39.8, lon: -89.65 } }));
  await desk.postHit(makeHit({ category: 'felony', heading: 270, location: { lat: 41.8349, lon: -87.6251 } }));
  const map = page.getByTestId('map');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'felony');
  await expect(map).toHaveAttribute('data-loaded', 'true', MAP_DRAWN);
  await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');
  // Marks the map's canvas: the next alert must be drawn on the same one, not on a new map (a new
  // map costs a WebGL context and the outlines posted to its workers at every arrow key).
  await map.locator('canvas').evaluate((c) => c.setAttribute('data-first-alert', 'yes'));

  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('alert-card')).toHaveAttribute('data-category', 'stolen');
  await expect(page.getByTestId('facts')).toContainText('Sangamon County, Illinois');
  await expect(page.getByTestId('camera-marker')).toHaveAttribute('aria-label', /heading 90 degrees/);
  await expect(page.getByTestId('camera-marker')).toHaveCount(1);
  await expect(map).toHaveAttribute('data-loaded', 'true');
  await expect(map.locator('canvas[data-first-alert="yes"]')).toHaveCount(1);
  await expect.poll(() => countOnMapCanvas(map, 'distinct-colours'), { message: 'distinct colours on the map canvas' }).toBeGreaterThan(20);

  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');
  await expect(page.getByTestId('camera-marker')).toHaveAttribute('aria-label', /heading 270 degrees/);
  await expect(map.locator('canvas[data-first-alert="yes"]')).toHaveCount(1);
  await expect.poll(() => canvasFillsBox(map), { message: 'the map canvas fills its box' }).toBe(true);
  await shot(page, '10b-map-after-arrows');
});
