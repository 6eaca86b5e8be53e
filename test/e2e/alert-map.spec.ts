/** Issue 5: the map renders offline (canvas not blank, camera marker present) with the county. */
import { expect, shot, signIn, test } from './fixtures.js';
import { makeHit } from './hits.js';

test('the map draws state and county outlines offline, the camera marker and the county name', async ({ page, desk }) => {
  await signIn(page, desk);
  await desk.postHit(makeHit({ category: 'felony', heading: 270, location: { lat: 41.8349, lon: -87.6251 } }));
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('camera-marker')).toBeVisible();
  await expect(page.getByTestId('camera-marker')).toHaveAttribute('aria-label', /heading 270 degrees/);
  await expect(page.getByTestId('facts')).toContainText('Cook County, Illinois');

  // Not blank: the WebGL canvas holds many distinct colours once the outlines are drawn.
  await expect
    .poll(
      () =>
        map.locator('canvas').evaluate((c) => {
          const canvas = c as unknown as { width: number; height: number; ownerDocument: { createElement(t: string): unknown } };
          const copy = canvas.ownerDocument.createElement('canvas') as { width: number; height: number; getContext(t: string): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
          copy.width = canvas.width;
          copy.height = canvas.height;
          const ctx = copy.getContext('2d');
          ctx.drawImage(canvas, 0, 0);
          const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
          const colours = new Set<number>();
          for (let i = 0; i < data.length; i += 4 * 7) colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
          return colours.size;
        }),
      { message: 'distinct colours on the map canvas' },
    )
    .toBeGreaterThan(20);
  await shot(page, '10-map-felony');
});
