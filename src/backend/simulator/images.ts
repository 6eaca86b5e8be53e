/** The simulator's detection images: a plate crop with the characters, and a side view of the car. */
import { GLYPH_H, GLYPH_W, glyphPixel } from './font.js';
import { Raster, type Rgb } from './png.js';

const COLORS: Record<string, Rgb> = {
  Black: [25, 25, 28], White: [235, 235, 235], Silver: [180, 184, 190], Gray: [110, 112, 118], Red: [170, 30, 35],
  Blue: [35, 70, 150], Green: [40, 100, 60], Tan: [190, 165, 120], Maroon: [100, 25, 35], Gold: [190, 160, 70],
};

const dataUri = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;

/** A plate-like white rectangle with a blue band and the read characters, as an IR crop would show. */
export function plateImage(plate: string, state: string): string {
  const scale = 4;
  const r = new Raster(240, 120, [60, 62, 66]);
  r.rect(10, 10, 220, 100, [245, 245, 240]);
  r.rect(10, 10, 220, 14, [30, 60, 140]);
  drawText(r, state === 'UNK' ? '' : state, 112, 13, 1, [255, 255, 255]);
  const textW = plate.length * (GLYPH_W + 1) * scale;
  drawText(r, plate, Math.max(14, Math.floor((240 - textW) / 2)), 44, scale, [20, 20, 25]);
  return dataUri(r.toPng());
}

/** A car silhouette in the vehicle's color on a road, seen from the side. */
export function vehicleImage(color: string): string {
  const body = COLORS[color] ?? COLORS.Gray ?? [110, 112, 118];
  const r = new Raster(320, 180, [150, 175, 205]);
  r.rect(0, 120, 320, 60, [70, 72, 75]);
  r.rect(0, 148, 320, 3, [230, 210, 90]);
  r.rect(40, 90, 240, 40, body);
  r.rect(90, 60, 130, 32, body);
  r.rect(100, 66, 50, 22, [170, 200, 220]);
  r.rect(158, 66, 52, 22, [170, 200, 220]);
  r.disc(95, 132, 18, [20, 20, 20]);
  r.disc(225, 132, 18, [20, 20, 20]);
  r.disc(95, 132, 8, [150, 150, 150]);
  r.disc(225, 132, 8, [150, 150, 150]);
  return dataUri(r.toPng());
}

function drawText(r: Raster, text: string, x0: number, y0: number, scale: number, c: Rgb): void {
  [...text].forEach((ch, n) => {
    for (let y = 0; y < GLYPH_H; y++) {
      for (let x = 0; x < GLYPH_W; x++) {
        if (glyphPixel(ch, x, y)) r.rect(x0 + (n * (GLYPH_W + 1) + x) * scale, y0 + y * scale, scale, scale, c);
      }
    }
  });
}
