/**
 * PROTOCOL.md's zone geometry rules, with a path and a clear message for each problem: Polygon or
 * MultiPolygon; rings of at least 4 positions, closed, and not crossing themselves (see
 * ring-crossing.ts for what counts as crossing); holes allowed; at most 10,000 positions per zone; lon -180..180, lat -90..90.
 * Takes `unknown` so it can be the first thing run on untrusted input.
 */
import { ringCrossing } from './ring-crossing.js';

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
    const problem = ringCrossing(ring);
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
