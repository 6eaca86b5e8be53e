/**
 * Morton (Z-order) keys, used to lay out polygon blocks so that polygons near each other on the
 * map are near each other in memory.
 */

/** Z-order keys of the boxes' centres, 16 bits per axis over their common extent. */
export function mortonKeys(boxes: [number, number, number, number][]): number[] {
  const cx = boxes.map((b) => (b[0] + b[2]) / 2);
  const cy = boxes.map((b) => (b[1] + b[3]) / 2);
  // Loops, not Math.min(...cx): spreading a large array would overflow the stack.
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  cx.forEach((x, i) => {
    const y = cy[i] as number;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  });
  const sx = 65535 / Math.max(x1 - x0, 1e-9);
  const sy = 65535 / Math.max(y1 - y0, 1e-9);
  const spread = (v: number): number => {
    let n = v & 0xffff;
    n = (n | (n << 8)) & 0x00ff00ff;
    n = (n | (n << 4)) & 0x0f0f0f0f;
    n = (n | (n << 2)) & 0x33333333;
    n = (n | (n << 1)) & 0x55555555;
    return n;
  };
  return cx.map(
    (x, i) =>
      (spread(Math.round((x - x0) * sx)) | (spread(Math.round(((cy[i] as number) - y0) * sy)) << 1)) >>> 0,
  );
}
