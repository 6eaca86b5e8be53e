/**
 * Planar segment predicates on lon/lat doubles. Not robust predicates (no exact arithmetic): zone
 * coordinates are drawn by hand or come from Census outlines, far from the degenerate near-collinear
 * inputs where double rounding would change an answer that matters.
 */

/** > 0 when c is left of a->b, < 0 right, 0 collinear. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** c is within the bounding box of a-b (callers know c is collinear with them). */
function within(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

export type SegmentContact = 'none' | 'cross' | 'touch' | 'overlap';

/**
 * How segments p1-p2 and q1-q2 meet: `cross` (interiors cross at one point), `touch` (they share
 * one point that is an endpoint of at least one), `overlap` (collinear, sharing more than a point).
 */
export function segmentContact(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): SegmentContact {
  const d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y);
  const d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  const d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y);
  const d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 'cross';
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    // Collinear: project on the dominant axis and compare the intervals.
    const useX = Math.abs(p2x - p1x) + Math.abs(q2x - q1x) >= Math.abs(p2y - p1y) + Math.abs(q2y - q1y);
    const [a0, a1] = useX
      ? [Math.min(p1x, p2x), Math.max(p1x, p2x)]
      : [Math.min(p1y, p2y), Math.max(p1y, p2y)];
    const [b0, b1] = useX
      ? [Math.min(q1x, q2x), Math.max(q1x, q2x)]
      : [Math.min(q1y, q2y), Math.max(q1y, q2y)];
    const lo = Math.max(a0, b0);
    const hi = Math.min(a1, b1);
    if (lo > hi) return 'none';
    return lo === hi ? 'touch' : 'overlap';
  }
  if (d1 === 0 && within(q1x, q1y, q2x, q2y, p1x, p1y)) return 'touch';
  if (d2 === 0 && within(q1x, q1y, q2x, q2y, p2x, p2y)) return 'touch';
  if (d3 === 0 && within(p1x, p1y, p2x, p2y, q1x, q1y)) return 'touch';
  if (d4 === 0 && within(p1x, p1y, p2x, p2y, q2x, q2y)) return 'touch';
  return 'none';
}
