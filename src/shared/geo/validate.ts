/**
 * PROTOCOL.md's zone geometry rules, with a path and a clear message for each problem: Polygon or
 * MultiPolygon; rings of at least 4 positions, closed, and simple (they neither cross nor touch
 * themselves); holes allowed; at most 10,000 positions per zone; lon -180..180, lat -90..90.
 * Takes `unknown` so it can be the first thing run on untrusted input.
 */
import Flatbush from 'flatbush';
import { orient, segmentContact } from './segments.js';

export interface GeometryIssue {
  path: string;
  message: string;
}

export const MAX_ZONE_POSITIONS = 10_000;
/** A hostile zone can have 10,000 bad positions; a list that long helps nobody. */
const MAX_ISSUES = 50;

type Ring = [number, number][];

export function validateZoneGeometry(geometry: unknown, path = 'geometry'): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const add = (p: string, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path: p, message });
  };
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) {
    add(path, 'the geometry must be a GeoJSON Polygon or MultiPolygon object');
    return issues;
  }
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    add(
      `${path}.type`,
      `the geometry type must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type) ?? 'missing'}`,
    );
    return issues;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    add(`${path}.coordinates`, `a ${type} needs a non-empty coordinates array`);
    return issues;
  }

  // Normalise to a list of polygons, each with its path and the words that name it in messages.
  const polygons: { rings: unknown; path: string; name: string }[] =
    type === 'Polygon'
      ? [{ rings: coordinates, path: `${path}.coordinates`, name: '' }]
      : coordinates.map((rings, p) => ({ rings, path: `${path}.coordinates.${p}`, name: `polygon ${p} ` }));

  let positions = 0;
  const wellFormed: { ring: Ring; path: string; name: string }[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon.rings) || polygon.rings.length === 0) {
      add(polygon.path, `${polygon.name || 'the polygon '}has no rings: it needs an outer ring`);
      continue;
    }
    polygon.rings.forEach((ring: unknown, r: number) => {
      const ringPath = `${polygon.path}.${r}`;
      const name = `${polygon.name}ring ${r}`;
      if (!Array.isArray(ring)) {
        add(ringPath, `${name} must be an array of positions`);
        return;
      }
      positions += ring.length;
      let good = true;
      ring.forEach((pos: unknown, i: number) => {
        const problem = positionProblem(pos);
        if (problem) {
          add(`${ringPath}.${i}`, `${name}, position ${i}: ${problem}`);
          good = false;
        }
      });
      if (ring.length < 4) {
        add(
          ringPath,
          `${name} has ${ring.length} positions: a ring needs at least 4 (the last repeating the first)`,
        );
        good = false;
      } else if (good && !samePoint(ring[0] as number[], ring[ring.length - 1] as number[])) {
        add(ringPath, `${name} is not closed: first and last positions differ`);
        good = false;
      }
      if (good) wellFormed.push({ ring: ring as Ring, path: ringPath, name });
    });
  }

  if (positions > MAX_ZONE_POSITIONS) {
    // Checked before the crossing test so an oversized zone costs nothing more to refuse.
    add(
      `${path}.coordinates`,
      `the zone has ${positions} positions: at most ${MAX_ZONE_POSITIONS} are allowed`,
    );
    return issues;
  }
  for (const { ring, path: ringPath, name } of wellFormed) {
    const problem = ringSimplicityProblem(ring);
    if (problem) add(ringPath, `${name} ${problem}`);
  }
  return issues;
}

function positionProblem(pos: unknown): string | undefined {
  if (!Array.isArray(pos) || pos.length < 2) return 'a position is an array [lon, lat]';
  if (!pos.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return 'coordinates must be finite numbers';
  const [lon, lat] = pos as number[];
  if ((lon as number) < -180 || (lon as number) > 180) return `longitude ${lon} is outside -180..180`;
  if ((lat as number) < -90 || (lat as number) > 90) return `latitude ${lat} is outside -90..90`;
  return undefined;
}

function samePoint(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Whether a closed ring is simple. Consecutive repeated positions are tolerated (drawing tools
 * make them) and skipped. Segment pairs are found with a Flatbush over segment bounding boxes, so
 * a 10,000-position ring is checked in about n log n rather than n squared.
 */
export function ringSimplicityProblem(ring: Ring): string | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  const original: number[] = [];
  ring.forEach(([x, y], i) => {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x && ys[last] === y) return;
    xs.push(x);
    ys.push(y);
    original.push(i);
  });
  const k = xs.length - 1; // segments; the last point repeats the first
  if (k < 3) return 'has fewer than 3 distinct positions: it encloses nothing';
  const X = (i: number): number => xs[i] as number;
  const Y = (i: number): number => ys[i] as number;
  const at = (i: number): number => original[i] as number;

  // Adjacent segments share a vertex; they are wrong only when the ring doubles back on itself.
  for (let i = 0; i < k; i += 1) {
    const b = i + 1;
    const c = b === k ? 1 : b + 1;
    if (orient(X(i), Y(i), X(b), Y(b), X(c), Y(c)) === 0) {
      const dot = (X(i) - X(b)) * (X(c) - X(b)) + (Y(i) - Y(b)) * (Y(c) - Y(b));
      if (dot > 0) return `doubles back on itself at position ${at(b % k)}`;
    }
  }

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
  for (let i = 0; i < k; i += 1) {
    const near = index.search(
      Math.min(X(i), X(i + 1)),
      Math.min(Y(i), Y(i + 1)),
      Math.max(X(i), X(i + 1)),
      Math.max(Y(i), Y(i + 1)),
    );
    for (const j of near) {
      if (j <= i + 1 || (i === 0 && j === k - 1)) continue; // itself, or adjacent
      const contact = segmentContact(X(i), Y(i), X(i + 1), Y(i + 1), X(j), Y(j), X(j + 1), Y(j + 1));
      if (contact === 'none') continue;
      const edges = `the edge from position ${at(i)} to ${at(i + 1)} and the edge from position ${at(j)} to ${at(j + 1)}`;
      if (contact === 'cross') return `crosses itself: ${edges} cross`;
      if (contact === 'overlap') return `overlaps itself: ${edges} run along each other`;
      return `touches itself: ${edges} meet`;
    }
  }
  return undefined;
}
