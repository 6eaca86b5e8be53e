/**
 * The zone geometry rules of docs/protocol.md#zone, with a path and a clear message for each problem: Polygon or
 * MultiPolygon; rings of at least 4 positions, closed, and not crossing themselves (see
 * ring-crossing.ts for what counts as crossing); holes allowed, each inside its outer ring (every
 * position of a hole inside or on the outer ring: RFC 7946's interior rings; a hole outside would
 * cut nothing and only mislead whoever draws it); at most 10,000 positions per zone; lon
 * -180..180, lat -90..90.
 * Takes `unknown` so it can be the first thing run on untrusted input.
 */
import { ringCrossing } from './ring-crossing.js';
import { orient } from './segments.js';

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
  const wellFormed: { ring: Ring; path: string; name: string; polygon: number; index: number }[] = [];
  polygons.forEach((polygon, polygonNumber) => {
    if (!Array.isArray(polygon.rings) || polygon.rings.length === 0) {
      add(polygon.path, `${polygon.name || 'the polygon '}has no rings: it needs an outer ring`);
      return;
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
      if (good) wellFormed.push({ ring: ring as Ring, path: ringPath, name, polygon: polygonNumber, index: r });
    });
  });

  if (positions > MAX_ZONE_POSITIONS) {
    // Checked before the crossing test so an oversized zone costs nothing more to refuse.
    add(
      `${path}.coordinates`,
      `the zone has ${positions} positions: at most ${MAX_ZONE_POSITIONS} are allowed`,
    );
    return issues;
  }
  for (const { ring, path: ringPath, name } of wellFormed) {
    const problem = ringCrossing(ring);
    if (problem) add(ringPath, `${name} ${problem}`);
  }
  for (const hole of wellFormed) {
    if (hole.index === 0) continue;
    const outer = wellFormed.find((w) => w.polygon === hole.polygon && w.index === 0);
    // A hole collapsed to a line or a point cuts nothing (Census outlines have a few, left over
    // from simplification, some of them just outside): accepted like collapsed rings are.
    if (!outer || area2(hole.ring) === 0) continue;
    const outside = hole.ring.findIndex(([x, y]) => !insideOrOn(x, y, outer.ring));
    if (outside >= 0) add(hole.path, `${hole.name} is a hole outside its outer ring: position ${outside} lies outside ring 0`);
  }
  return issues;
}

function area2(ring: Ring): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    const [x0, y0] = ring[i - 1] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/** Even-odd point in ring, a point on an edge counting as inside (the border rule of docs/protocol.md). */
function insideOrOn(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (orient(xj, yj, xi, yi, x, y) === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
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
