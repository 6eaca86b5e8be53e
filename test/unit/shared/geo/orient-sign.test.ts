// orientSign must decide exactly as robust-predicates' orient2d (turf's predicate), including the
// near-degenerate cases where plain double arithmetic gets the sign wrong.
import { orient2d } from 'robust-predicates';
import { describe, expect, it } from 'vitest';
import { orientSign } from '../../../../src/shared/geo/orient-sign.js';
import { seededRandom } from '../../../bench/us-county-zones.js';

const turfSign = (u1: number, v1: number, u2: number, v2: number): number =>
  Math.sign(orient2d(u1, u2, v1, v2, 0, 0));

describe('orientSign', () => {
  it('gives the obvious signs', () => {
    expect(orientSign(1, 0, 0, 1)).toBe(-1);
    expect(orientSign(0, 1, 1, 0)).toBe(1);
    expect(orientSign(1, 1, 2, 2)).toBe(0);
    expect(orientSign(0, 0, 0, 0)).toBe(0);
  });

  it('matches robust-predicates on nearly collinear points, where doubles round either way', () => {
    const random = seededRandom(7);
    let hard = 0;
    for (let i = 0; i < 20_000; i += 1) {
      // Points near a line through the origin, translated as the point-in-ring test does.
      const px = -90 + random();
      const py = 40 + random();
      const ax = -90 + random();
      const ay = 40 + random();
      const t = random();
      const bx = ax + t * (px - ax) * 2;
      const by = ay + t * (py - ay) * 2;
      const [u1, v1, u2, v2] = [ax - px, ay - py, bx - px, by - py];
      const naive = Math.sign(u2 * v1 - u1 * v2);
      const exact = turfSign(u1, v1, u2, v2);
      if (naive !== exact) hard += 1;
      expect(orientSign(u1, v1, u2, v2)).toBe(exact);
    }
    expect(hard).toBeGreaterThan(0); // the sample does exercise the exact path
  });
});
