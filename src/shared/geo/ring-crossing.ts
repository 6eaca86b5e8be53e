/**
 * Whether a closed ring crosses itself (docs/protocol.md: "rings may not cross themselves"). Only real
 * crossings are refused: two edges crossing, or the ring passing through one of its own points
 * from one side to the other. Touching without crossing, spikes that double back, and rings
 * collapsed to a line or a point are accepted: they change no answer of the even-odd
 * point-in-polygon test, and Census outlines (what dispatchers start zones from) have them. Of
 * the 3,231 us-atlas county outlines, 5 are refused, each for two edges that really cross.
 * Known gap: a ring that runs along itself for a stretch and leaves it on the other side crosses
 * without any two edges crossing or a point passage crossing; it is accepted (zero-width, and
 * rare: it takes collinear edges running over each other).
 * Edge pairs come from a Flatbush over edge bounding boxes: about n log n for 10,000 positions.
 */
import Flatbush from 'flatbush';
import { orient, segmentContact } from './segments.js';

type Ring = readonly (readonly number[])[];

/** Undefined when the ring does not cross itself; otherwise a sentence saying where. */
export function ringCrossing(ring: Ring): string | undefined {
  // Consecutive repeated positions are no edge (drawing tools make them).
  const xs: number[] = [];
  const ys: number[] = [];
  const original: number[] = [];
  ring.forEach((pos, i) => {
    const x = pos[0] as number;
    const y = pos[1] as number;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x && ys[last] === y) return;
    xs.push(x);
    ys.push(y);
    original.push(i);
  });
  const k = xs.length - 1; // edges; point k repeats point 0
  if (k < 3) return undefined;
  const X = (i: number): number => xs[i] as number;
  const Y = (i: number): number => ys[i] as number;
  const prev = (m: number): number => (m === 0 || m === k ? k - 1 : m - 1);
  const next = (m: number): number => (m === k ? 1 : m + 1);
  const same = (a: number, b: number): boolean => X(a) === X(b) && Y(a) === Y(b);
  const side = (s: number, m: number): number =>
    Math.sign(orient(X(s), Y(s), X(s + 1), Y(s + 1), X(m), Y(m)));

  /** Does the ring's path through point m cross edge s, which m lies on? */
  const crossesAt = (m: number, s: number): boolean => {
    for (const e of [s, s + 1]) {
      if (same(m, e)) return pathsCross(m, e);
    }
    return side(s, prev(m)) * side(s, next(m)) < 0;
  };
  /** The ring passes twice through one point (as m and as e): do the two passages cross? */
  const pathsCross = (m: number, e: number): boolean => {
    const angle = (p: number): number => Math.atan2(Y(p) - Y(e), X(p) - X(e));
    const a = angle(prev(e));
    const b = angle(next(e));
    const c = angle(prev(m));
    const d = angle(next(m));
    if (c === a || c === b || d === a || d === b) return false; // they share a direction: they overlap, not cross
    return between(b, a, c) !== between(b, a, d);
  };

  const index = new Flatbush(k);
  for (let i = 0; i < k; i += 1) {
    index.add(
      Math.min(X(i), X(i + 1)),
      Math.min(Y(i), Y(i + 1)),
      Math.max(X(i), X(i + 1)),
      Math.max(Y(i), Y(i + 1)),
    );
  }
  index.finish();
  const at = (i: number): number => original[i] as number;
  for (let i = 0; i < k; i += 1) {
    const near = index.search(
      Math.min(X(i), X(i + 1)),
      Math.min(Y(i), Y(i + 1)),
      Math.max(X(i), X(i + 1)),
      Math.max(Y(i), Y(i + 1)),
    );
    for (const j of near) {
      if (j <= i + 1 || (i === 0 && j === k - 1)) continue; // itself, adjacent, or seen from the other side
      const contact = segmentContact(X(i), Y(i), X(i + 1), Y(i + 1), X(j), Y(j), X(j + 1), Y(j + 1));
      if (contact === 'cross') {
        return `crosses itself: the edge from position ${at(i)} to ${at(i + 1)} and the edge from position ${at(j)} to ${at(j + 1)} cross`;
      }
      if (contact !== 'touch') continue;
      // They touch: at a point of one edge lying on the other. A crossing if the ring goes
      // through that point from one side to the other.
      const touching: [number, number][] = [];
      for (const m of [j, j + 1]) if (side(i, m) === 0 && onSegment(i, m)) touching.push([m, i]);
      for (const m of [i, i + 1]) if (side(j, m) === 0 && onSegment(j, m)) touching.push([m, j]);
      const crossing = touching.find(([m, s]) => crossesAt(m, s));
      if (crossing) {
        const m = crossing[0];
        return `crosses itself at position ${at(m % k)} (${X(m)}, ${Y(m)}): the ring passes through it from one side to the other`;
      }
    }
  }
  return undefined;

  function onSegment(s: number, m: number): boolean {
    return (
      Math.min(X(s), X(s + 1)) <= X(m) &&
      X(m) <= Math.max(X(s), X(s + 1)) &&
      Math.min(Y(s), Y(s + 1)) <= Y(m) &&
      Y(m) <= Math.max(Y(s), Y(s + 1))
    );
  }
}

/** Is angle t strictly inside the counterclockwise sweep from `from` to `to`? */
function between(from: number, to: number, t: number): boolean {
  const turn = Math.PI * 2;
  const span = (((to - from) % turn) + turn) % turn;
  const offset = (((t - from) % turn) + turn) % turn;
  return offset > 0 && offset < span;
}
