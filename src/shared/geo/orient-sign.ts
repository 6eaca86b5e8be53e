/**
 * The exact sign of u2*v1 - u1*v2 for doubles: the 2x2 determinant at the heart of the
 * point-in-ring test. It follows robust-predicates' orient2d (which turf's booleanPointInPolygon
 * uses, through point-in-polygon-hao): the same floating-point filter, then exact arithmetic
 * (Dekker products, Shewchuk expansions) when the filter cannot decide. Same arithmetic, so the
 * ZoneIndex and turf agree even on points placed on an edge, where plain doubles would round
 * either way.
 */

const EPSILON = 1.1102230246251565e-16; // 2^-53
const FILTER_BOUND = (3 + 16 * EPSILON) * EPSILON;
const SPLITTER = 134217729; // 2^27 + 1

/** -1, 0 or 1: the sign of u2*v1 - u1*v2, computed exactly. */
export function orientSign(u1: number, v1: number, u2: number, v2: number): number {
  const left = u2 * v1;
  const right = u1 * v2;
  const det = left - right;
  if (Math.abs(det) >= FILTER_BOUND * Math.abs(left + right)) return det > 0 ? 1 : det < 0 ? -1 : 0;
  return exactSign(u2, v1, u1, v2);
}

/** Sign of a*b - c*d with no rounding: both products as exact two-double sums, then summed exactly. */
function exactSign(a: number, b: number, c: number, d: number): number {
  const p = a * b;
  const q = c * d;
  return expansionSign([productError(a, b, p), p, -productError(c, d, q), -q]);
}

/** The rounding error of x = a*b (Dekker): a*b == x + error exactly. */
function productError(a: number, b: number, x: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aLo * bLo - (x - aHi * bHi - aLo * bHi - aHi * bLo);
}

/**
 * Sign of the exact sum of the terms: Shewchuk's grow-expansion with zero elimination keeps a
 * non-overlapping expansion in increasing magnitude, so its last component carries the sign.
 */
function expansionSign(terms: number[]): number {
  let expansion: number[] = [];
  for (const term of terms) {
    let q = term;
    const next: number[] = [];
    for (const e of expansion) {
      const sum = q + e;
      const bVirtual = sum - q;
      const aVirtual = sum - bVirtual;
      const error = q - aVirtual + (e - bVirtual);
      if (error !== 0) next.push(error);
      q = sum;
    }
    if (q !== 0) next.push(q);
    expansion = next;
  }
  const top = expansion[expansion.length - 1];
  return top === undefined ? 0 : top > 0 ? 1 : -1;
}
