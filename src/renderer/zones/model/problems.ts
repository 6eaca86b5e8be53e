/**
 * Where on the map a validator issue is. The shared validator answers with a path
 * (`geometry.coordinates.0.1`) and a sentence naming positions ("the edge from position 3 to 4 and
 * the edge from position 7 to 8 cross"); this turns them into a point to mark and the drawn ring
 * to outline, so the dispatcher sees the crossing where it is, not only in words.
 */
import type { GeometryIssue } from '../../../shared/geo/validate.js';
import type { ZoneGeometry } from '../../../shared/protocol/zone.js';
import type { Position } from './rings.js';

export interface Problem {
  message: string;
  /** The drawn ring it concerns, when the issue names one. */
  ringId?: string;
  /** Where to mark it; absent for problems of the whole zone (too many positions). */
  at?: Position;
}

function ringByPath(geometry: ZoneGeometry, path: string): Position[] | undefined {
  const parts = path.replace(/^geometry\.coordinates\.?/, '').split('.').filter(Boolean).map(Number);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const [p, r] = geometry.type === 'Polygon' ? [0, parts[0]] : [parts[0], parts[1]];
  if (p === undefined || r === undefined) return undefined;
  return polygons[p]?.[r] as Position[] | undefined;
}

function crossingPoint(a: Position, b: Position, c: Position, d: Position): Position {
  const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (den === 0) return a;
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

export function locateProblems(issues: readonly GeometryIssue[], geometry: ZoneGeometry, ringAt: ReadonlyMap<string, string>): Problem[] {
  return issues.map((issue) => {
    // The ring's path is the longest known prefix (an issue may name a position inside it).
    const ringPath = [...ringAt.keys()].filter((k) => issue.path === k || issue.path.startsWith(`${k}.`)).sort((x, y) => y.length - x.length)[0];
    const ringId = ringPath ? ringAt.get(ringPath) : undefined;
    const ring = ringPath ? ringByPath(geometry, ringPath) : undefined;
    const base: Problem = { message: issue.message, ...(ringId ? { ringId } : {}) };
    if (!ring || ring.length === 0) return base;
    const pos = (i: number): Position | undefined => ring[i];
    const edges = /edge from position (\d+) to (\d+) and the edge from position (\d+) to (\d+)/.exec(issue.message);
    if (edges) {
      const [a, b, c, d] = edges.slice(1).map((n) => pos(Number(n)));
      if (a && b && c && d) return { ...base, at: crossingPoint(a, b, c, d) };
    }
    const at = /at position \d+ \((-?[\d.e-]+), (-?[\d.e-]+)\)/.exec(issue.message);
    if (at) return { ...base, at: [Number(at[1]), Number(at[2])] };
    const named = /position (\d+)/.exec(issue.message) ?? /\.(\d+)$/.exec(issue.path.slice(ringPath?.length ?? 0));
    const p = named ? pos(Number(named[1])) : undefined;
    return { ...base, at: p ?? (ring[0] as Position) };
  });
}
