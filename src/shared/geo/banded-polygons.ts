/**
 * Polygons flattened for the point-in-polygon hot path: every edge of every ring in one
 * Float64Array, grouped per polygon into horizontal bands. An edge is stored in each band its
 * latitude range touches, so a query scans only the few edges of its own band instead of the whole
 * outline. The test itself is point-in-polygon-hao's (turf's) even-odd rule over all rings of a
 * polygon, outer and holes together, with the same arithmetic; a point on any ring is "on the
 * border", which the ZoneIndex counts as inside.
 */
import { orientSign } from './orient-sign.js';

/** Result of `BandedPolygons.locate`. */
export const OUTSIDE = 0;
export const INSIDE = 1;
export const ON_BORDER = 2;

/** About this many edges per band on average: a county outline scans a handful per query. */
const EDGES_PER_BAND = 3;
const MAX_BANDS = 4096;

/** A Float64Array that grows by doubling while a structure is being built. */
class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push4(a: number, b: number, c: number, d: number): void {
    if (this.length + 4 > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const o = this.length;
    this.data[o] = a;
    this.data[o + 1] = b;
    this.data[o + 2] = c;
    this.data[o + 3] = d;
    this.length += 4;
  }
}

export class BandedPolygons {
  private readonly edgesOut = new GrowableFloat64();
  /** Per band (all polygons one after the other): first edge, in edge units; plus a final end. */
  private bandStartsList: number[] = [];
  private readonly minYList: number[] = [];
  private readonly scaleList: number[] = [];
  private readonly bandCountList: number[] = [];
  private readonly bandBaseList: number[] = [];

  private edges = new Float64Array(0);
  private bandStart = new Uint32Array(0);
  private minY = new Float64Array(0);
  private scale = new Float64Array(0);
  private bandCount = new Uint32Array(0);
  private bandBase = new Uint32Array(0);

  get count(): number {
    return this.minYList.length;
  }

  get edgeCount(): number {
    return this.edges.length / 4;
  }

  /**
   * Add one polygon (outer ring and holes, each closed, positions [lon, lat]) and return its
   * number. Zero-length edges are kept: like turf, a ring collapsed to one point (Census outlines
   * have a few) then still has that point as its border.
   */
  add(rings: readonly (readonly (readonly number[])[])[], minY: number, maxY: number): number {
    const segments: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const a = ring[i] as readonly number[];
        const b = ring[i + 1] as readonly number[];
        const x1 = a[0] as number;
        const y1 = a[1] as number;
        const x2 = b[0] as number;
        const y2 = b[1] as number;
        segments.push(x1, y1, x2, y2);
      }
    }
    const edgeCount = segments.length / 4;
    const bands = Math.max(1, Math.min(MAX_BANDS, Math.ceil(edgeCount / EDGES_PER_BAND)));
    const scale = maxY > minY ? bands / (maxY - minY) : 0;
    const band = (y: number): number => {
      const b = Math.floor((y - minY) * scale);
      return b < 0 ? 0 : b >= bands ? bands - 1 : b;
    };

    // Counting pass, then a filling pass: each edge goes into every band its latitudes touch.
    const sizes = new Uint32Array(bands);
    for (let o = 0; o < segments.length; o += 4) {
      const y1 = segments[o + 1] as number;
      const y2 = segments[o + 3] as number;
      const last = band(Math.max(y1, y2));
      for (let b = band(Math.min(y1, y2)); b <= last; b += 1) sizes[b] = (sizes[b] as number) + 1;
    }
    const base = this.edgesOut.length / 4;
    const starts = new Uint32Array(bands + 1);
    for (let b = 0; b < bands; b += 1) starts[b + 1] = (starts[b] as number) + (sizes[b] as number);
    const filled = new Float64Array((starts[bands] as number) * 4);
    const cursor = starts.slice(0, bands);
    for (let o = 0; o < segments.length; o += 4) {
      const y1 = segments[o + 1] as number;
      const y2 = segments[o + 3] as number;
      const last = band(Math.max(y1, y2));
      for (let b = band(Math.min(y1, y2)); b <= last; b += 1) {
        const at = (cursor[b] as number) * 4;
        cursor[b] = (cursor[b] as number) + 1;
        filled[at] = segments[o] as number;
        filled[at + 1] = y1;
        filled[at + 2] = segments[o + 2] as number;
        filled[at + 3] = y2;
      }
    }
    for (let o = 0; o < filled.length; o += 4) {
      this.edgesOut.push4(filled[o] as number, filled[o + 1] as number, filled[o + 2] as number, filled[o + 3] as number);
    }

    this.bandBaseList.push(this.bandStartsList.length);
    for (let b = 0; b < bands; b += 1) this.bandStartsList.push(base + (starts[b] as number));
    this.bandStartsList.push(base + (starts[bands] as number));
    this.minYList.push(minY);
    this.scaleList.push(scale);
    this.bandCountList.push(bands);
    return this.minYList.length - 1;
  }

  /** Freeze into typed arrays; call once after the last `add`. */
  finish(): void {
    this.edges = this.edgesOut.data.slice(0, this.edgesOut.length);
    this.bandStart = Uint32Array.from(this.bandStartsList);
    this.minY = Float64Array.from(this.minYList);
    this.scale = Float64Array.from(this.scaleList);
    this.bandCount = Uint32Array.from(this.bandCountList);
    this.bandBase = Uint32Array.from(this.bandBaseList);
    this.bandStartsList = [];
  }

  /**
   * OUTSIDE, INSIDE or ON_BORDER for polygon `p`. The band formula is the one `add` used, and it
   * is monotonic in y, so every edge whose latitude range contains `y` is in the point's band.
   */
  locate(p: number, x: number, y: number): number {
    const bands = this.bandCount[p] as number;
    let b = Math.floor((y - (this.minY[p] as number)) * (this.scale[p] as number));
    b = b < 0 ? 0 : b >= bands ? bands - 1 : b;
    const slot = (this.bandBase[p] as number) + b;
    const end = (this.bandStart[slot + 1] as number) * 4;
    const edges = this.edges;
    let inside = false;
    for (let o = (this.bandStart[slot] as number) * 4; o < end; o += 4) {
      const v1 = (edges[o + 1] as number) - y;
      const v2 = (edges[o + 3] as number) - y;
      // Entirely above or below the point's latitude: neither a crossing nor the border.
      if (v1 > 0 ? v2 > 0 : v1 < 0 && v2 < 0) continue;
      const u1 = (edges[o] as number) - x;
      const u2 = (edges[o + 2] as number) - x;
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
}
