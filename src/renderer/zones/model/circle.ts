/**
 * "Everything within N miles of this point" as a polygon the hub can store: a zone is a Polygon,
 * never a circle. 64 positions on the sphere keep the edge within 0.12 % of the radius.
 */
import type { Position } from './rings.js';

const EARTH_RADIUS_MILES = 3958.8;

export function circleRing(lon: number, lat: number, radiusMiles: number, steps = 64): Position[] {
  if (!(radiusMiles > 0) || !Number.isFinite(radiusMiles)) throw new RangeError('the radius must be a positive number of miles');
  const d = radiusMiles / EARTH_RADIUS_MILES;
  const φ1 = (lat * Math.PI) / 180;
  const λ1 = (lon * Math.PI) / 180;
  const ring: Position[] = [];
  for (let i = 0; i < steps; i += 1) {
    // Counterclockwise from north, the right-hand rule of RFC 7946 for outer rings.
    const θ = (-2 * Math.PI * i) / steps;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    ring.push([round((λ2 * 180) / Math.PI), round((φ2 * 180) / Math.PI)]);
  }
  ring.push([...(ring[0] as Position)]);
  return ring;
}

/** Six decimals: about 10 cm, and a ring the size of a county stays small on the wire. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
