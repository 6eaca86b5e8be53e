/**
 * Polygons flattened for the point-in-polygon hot path. Each polygon is one block of a single
 * Float64Array: its band offsets, then its edges (x1, y1, x2, y2) grouped into horizontal bands.
 * An edge is stored in each band its latitude range touches, so a query scans only the few edges
 * of its own band instead of the whole outline, and reads one or two cache lines per polygon.
 *
 * The test is point-in-polygon-hao's (turf's) even-odd rule over all rings of a polygon, outer
 * and holes together, with the same arithmetic; a point on any ring is "on the border", which the
 * ZoneIndex counts as inside.
 */
import { orientSign } from './orient-sign.js';

/** Results of `locate`. */
export const OUTSIDE = 0;
export const INSIDE = 1;
export const ON_BORDER = 2;

/**
 * About this many edges per band. Measured on the county benchmark: fewer, smaller bands scan
 * fewer edges but store more duplicates, and the extra memory traffic costs more than it saves.
 */
const EDGES_PER_BAND = 8;
const MAX_BANDS = 4096;

/** What a query needs to find a polygon's band: where its block starts, and its band geometry. */
export interface PolygonBands {
  block: number;
  minY: number;
  scale: number;
  bands: number;
}

/** A Float64Array that grows by doubling while the structure is being built. */
class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  reserve(n: number): number {
    while (this.length + n > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.length;
    this.length += n;
    return at;
  }
}

export class BandedPolygons {
  private readonly out = new GrowableFloat64();
  private readonly described: PolygonBands[] = [];
  private storedEdges = 0;
  /** Every block, one after the other; set by `finish`. */
  data = new Float64Array(0);

  get count(): number {
    return this.described.length;
  }

  /** Edges stored, counting an edge once per band it is stored in. */
  get edgeCount(): number {
    return this.storedEdges;
  }

  describe(p: number): PolygonBands {
    return this.described[p] as PolygonBands;
  }

  /**
   * Add one polygon (outer ring and holes, positions [lon, lat]) and return its number. Edges
   * join consecutive positions, as in turf (a ring is expected closed). Zero-length edges are
   * kept: like turf, a ring collapsed to one point (Census outlines have a few) then still has
   * that point as its border.
   */
  add(rings: readonly (readonly (readonly number[])[])[], minY: number, maxY: number): number {
    const segments: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const a = ring[i] as readonly number[];
        const b = ring[i + 1] as readonly number[];
        segments.push(a[0] as number, a[1] as number, b[0] as number, b[1] as number);
      }
    }
    const bands = Math.max(1, Math.min(MAX_BANDS, Math.ceil(segments.length / 4 / EDGES_PER_BAND)));
    const scale = maxY > minY ? bands / (maxY - minY) : 0;
    // The same formula as `locate`: monotonic in y, so an edge whose latitude range holds y is
    // stored in the band of y.
    const bandOf = (y: number): number => {
      const b = Math.floor((y - minY) * scale);
      return b < 0 ? 0 : b >= bands ? bands - 1 : b;
    };
    const eachBand = (o: number, fn: (b: number) => void): void => {
      const y1 = segments[o + 1] as number;
      const y2 = segments[o + 3] as number;
      const last = bandOf(Math.max(y1, y2));
      for (let b = bandOf(Math.min(y1, y2)); b <= last; b += 1) fn(b);
    };

    // Counting pass, then offsets, then the filling pass.
    const sizes = new Uint32Array(bands);
    for (let o = 0; o < segments.length; o += 4) eachBand(o, (b) => (sizes[b] = (sizes[b] as number) + 1));
    let total = 0;
    for (const size of sizes) total += size;
    const block = this.out.reserve(bands + 1 + 4 * total);
    const data = this.out.data;
    let at = block + bands + 1;
    for (let b = 0; b < bands; b += 1) {
      data[block + b] = at;
      at += 4 * (sizes[b] as number);
    }
    data[block + bands] = at;
    const cursor = Array.from(data.subarray(block, block + bands));
    for (let o = 0; o < segments.length; o += 4) {
      eachBand(o, (b) => {
        const e = cursor[b] as number;
        cursor[b] = e + 4;
        for (let k = 0; k < 4; k += 1) data[e + k] = segments[o + k] as number;
      });
    }
    this.storedEdges += total;
    this.described.push({ block, minY, scale, bands });
    return this.described.length - 1;
  }

  /** Freeze into the final array; call once after the last `add`. */
  finish(): void {
    this.data = this.out.data.slice(0, this.out.length);
  }

  /** OUTSIDE, INSIDE or ON_BORDER for polygon `p`. */
  locate(p: number, x: number, y: number): number {
    const d = this.described[p] as PolygonBands;
    return locateInBlock(this.data, d.block, d.minY, d.scale, d.bands, x, y);
  }
}

/**
 * The hot path, free of objects so callers can keep a polygon's band geometry next to its
 * bounding box. Only edges whose latitude range holds y matter to the even-odd rule, and all of
 * them are in y's band.
 */
export function locateInBlock(
  data: Float64Array,
  block: number,
  minY: number,
  scale: number,
  bands: number,
  x: number,
  y: number,
): number {
  let b = Math.floor((y - minY) * scale);
  b = b < 0 ? 0 : b >= bands ? bands - 1 : b;
  const end = data[block + b + 1] as number;
  let inside = false;
  for (let o = data[block + b] as number; o < end; o += 4) {
    const v1 = (data[o + 1] as number) - y;
    const v2 = (data[o + 3] as number) - y;
    // Entirely above or below the point's latitude: neither a crossing nor the border.
    if (v1 > 0 ? v2 > 0 : v1 < 0 && v2 < 0) continue;
    const u1 = (data[o] as number) - x;
    const u2 = (data[o + 2] as number) - x;
    // Entirely east of the point: the ray goes west (as in point-in-polygon-hao).
    if (u1 > 0 && u2 > 0) continue;
    if (u1 < 0 && u2 < 0) {
      // Entirely west: a crossing under the half-open rule, and the point cannot be on it.
      if (v1 <= 0 !== v2 <= 0) inside = !inside;
      continue;
    }
    if (v1 === 0 && v2 === 0) return ON_BORDER; // horizontal edge through the point, spanning it
    const f = orientSign(u1, v1, u2, v2);
    if (f === 0) return ON_BORDER;
    if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}
