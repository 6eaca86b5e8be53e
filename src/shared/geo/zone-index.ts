/**
 * ZoneIndex: which zones contain a point, fast enough for the hub to route every alert to
 * thousands of desks and for each client to check what it receives. The polygons' bounding boxes
 * find the few candidates (a BoxGrid for the many small ones, a Flatbush for the few large ones);
 * each candidate is decided by the banded, flat-array point-in-polygon test of BandedPolygons.
 * A point on a zone's border is inside (docs/protocol.md).
 *
 * A zone whose geometry cannot be evaluated (malformed) is not indexed but remembered with the
 * reason, and a zone id the index has never seen is reported the same way, so the filter can fail
 * open for mandatory categories instead of silently dropping an alert.
 */
import Flatbush from 'flatbush';
import { BandedPolygons, OUTSIDE, locateInBlock } from './banded-polygons.js';
import { BoxGrid } from './box-grid.js';
import { mortonKeys } from './morton.js';
import { boundsOf, geometryProblem, polygonsOf, type Rings } from './zone-shape.js';

export interface ZoneSource {
  id: string;
  /** A GeoJSON Polygon or MultiPolygon (lon/lat); anything else is recorded as a failure. */
  geometry: unknown;
}

/** A zone the index cannot evaluate, and why. */
export interface ZoneFailure {
  zoneId: string;
  message: string;
}

export type ZoneIdList = ReadonlySet<string> | readonly string[];

/** Numbers of payload per grid entry: zone, block, band scale, band count. */
const PAYLOAD = 4;
/** The usual answer of `failuresAmong`, shared (frozen: no caller can add to it). */
const NO_FAILURES: readonly ZoneFailure[] = Object.freeze([]);

export class ZoneIndex {
  private readonly ids: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly failed = new Map<string, string>();
  private readonly polygons = new BandedPolygons();
  /** Candidates for the many small polygons. */
  private readonly grid: BoxGrid;
  /** Candidates for the few polygons too large for the grid; indexes into `largePolygons`. */
  private readonly tree: Flatbush | undefined;
  private readonly largePolygons: Uint32Array;
  private readonly polygonZone: Uint32Array;
  /** Per zone, the number of the last query that found it: dedupes islands and repeats cheaply. */
  private readonly seenAt: Uint32Array;
  private queryNumber = 0;
  private lastLon = Number.NaN;
  private lastLat = Number.NaN;
  private lastContaining: readonly string[] = [];

  constructor(zones: readonly ZoneSource[]) {
    const found: { rings: Rings; zone: number; box: [number, number, number, number] }[] = [];
    for (const zone of zones) {
      const problem = geometryProblem(zone.geometry);
      if (problem !== undefined) {
        this.failed.set(zone.id, problem);
        continue;
      }
      let z = this.numberOf.get(zone.id);
      if (z === undefined) {
        z = this.ids.length;
        this.ids.push(zone.id);
        this.numberOf.set(zone.id, z);
      }
      for (const rings of polygonsOf(zone.geometry)) found.push({ rings, zone: z, box: boundsOf(rings) });
    }
    // Blocks in Morton order of their centres: the few candidates of one query (neighbours, and
    // the overlapping zones of one area) then sit close together in memory.
    const keys = mortonKeys(found.map((f) => f.box));
    const order = found.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const zoneOfPolygon: number[] = [];
    const boxes: number[] = [];
    for (const i of order) {
      const { rings, zone, box } = found[i] as (typeof found)[number];
      this.polygons.add(rings, box[1], box[3]);
      zoneOfPolygon.push(zone);
      boxes.push(...box);
    }
    this.polygons.finish();
    this.polygonZone = Uint32Array.from(zoneOfPolygon);
    this.seenAt = new Uint32Array(this.ids.length);
    // Each grid entry carries what the exact test needs: zone, block, band scale, band count.
    const payload = new Float64Array(PAYLOAD * zoneOfPolygon.length);
    zoneOfPolygon.forEach((z, p) => {
      const { block, scale, bands } = this.polygons.describe(p);
      payload.set([z, block, scale, bands], PAYLOAD * p);
    });
    this.grid = new BoxGrid(Float64Array.from(boxes), payload, PAYLOAD);
    this.largePolygons = Uint32Array.from(this.grid.large);
    if (this.largePolygons.length > 0) {
      const tree = new Flatbush(this.largePolygons.length);
      for (const p of this.largePolygons) {
        tree.add(
          boxes[4 * p] as number,
          boxes[4 * p + 1] as number,
          boxes[4 * p + 2] as number,
          boxes[4 * p + 3] as number,
        );
      }
      tree.finish();
      this.tree = tree;
    }
  }

  /**
   * Call `found` with each zone (once) whose polygons contain the point, border included, until
   * it returns true. The hot path: one grid cell, its entries' boxes and payloads in one run of
   * memory, then each candidate's band.
   */
  private eachZoneContaining(x: number, y: number, found: (zone: number) => boolean): void {
    const stamp = this.nextQuery();
    const seenAt = this.seenAt;
    const data = this.polygons.data;
    const cell = this.grid.cellOf(x, y);
    if (cell >= 0) {
      const { cellStart, entries, stride } = this.grid;
      const end = (cellStart[cell + 1] as number) * stride;
      for (let o = (cellStart[cell] as number) * stride; o < end; o += stride) {
        if (
          x < (entries[o] as number) ||
          y < (entries[o + 1] as number) ||
          x > (entries[o + 2] as number) ||
          y > (entries[o + 3] as number)
        ) {
          continue;
        }
        const z = entries[o + 4] as number;
        if (seenAt[z] === stamp) continue;
        const where = locateInBlock(
          data,
          entries[o + 5] as number,
          entries[o + 1] as number,
          entries[o + 6] as number,
          entries[o + 7] as number,
          x,
          y,
        );
        if (where === OUTSIDE) continue;
        seenAt[z] = stamp;
        if (found(z)) return;
      }
    }
    const tree = this.tree;
    if (tree === undefined) return;
    const { largePolygons, polygonZone, polygons } = this;
    let stop = false;
    tree.search(x, y, x, y, (i) => {
      const p = largePolygons[i] as number;
      const z = polygonZone[p] as number;
      if (stop || seenAt[z] === stamp) return false;
      if (polygons.locate(p, x, y) === OUTSIDE) return false;
      seenAt[z] = stamp;
      stop = found(z);
      return false;
    });
  }

  /** Number of zones indexed (failed ones excluded). */
  get size(): number {
    return this.ids.length;
  }

  /**
   * Sizes, for logs and the benchmark: stored edges count an edge once per band it is stored in;
   * `inFlatbush` is how many polygons were too large for the grid.
   */
  get stats(): { zones: number; polygons: number; storedEdges: number; failed: number; inFlatbush: number } {
    return {
      zones: this.ids.length,
      polygons: this.polygons.count,
      storedEdges: this.polygons.edgeCount,
      failed: this.failed.size,
      inFlatbush: this.largePolygons.length,
    };
  }

  has(zoneId: string): boolean {
    return this.numberOf.has(zoneId);
  }

  /** Zones given at construction that could not be indexed. */
  failures(): ZoneFailure[] {
    return [...this.failed].map(([zoneId, message]) => ({ zoneId, message }));
  }

  /**
   * Which of these zones cannot be evaluated: malformed at construction, or unknown to this index
   * (for instance a zone assigned on the hub that this client has not received yet).
   */
  failuresAmong(zoneIds: ZoneIdList): readonly ZoneFailure[] {
    // Asked for every alert a zoned desk is not inside (2,000,000 times in a reconnect storm's
    // replays), nearly always with no failure: no array is made for that answer.
    let out: ZoneFailure[] | undefined;
    for (const zoneId of zoneIds) {
      if (this.numberOf.has(zoneId)) continue;
      (out ??= []).push({
        zoneId,
        message: this.failed.get(zoneId) ?? 'zone unknown to the index (not received or deleted)',
      });
    }
    return out ?? NO_FAILURES;
  }

  /** Ids of every zone containing the point (border included), each once. */
  zonesContaining(lon: number, lat: number): string[] {
    return this.containing(lon, lat).slice();
  }

  /**
   * Whether the point is inside (or on the border of) any of `zoneIds`, or of any zone when
   * `zoneIds` is omitted. Zones that cannot be evaluated never contain anything here; ask
   * `failuresAmong` for them. Asking again for the same point (the hub routing one alert to every
   * connected user) reuses the last answer: one lookup per user instead of one query.
   */
  containsAny(lon: number, lat: number, zoneIds?: ZoneIdList): boolean {
    const containing = this.containing(lon, lat);
    if (zoneIds === undefined) return containing.length > 0;
    if (Array.isArray(zoneIds)) return containing.some((id) => zoneIds.includes(id));
    const set = zoneIds as ReadonlySet<string>;
    return containing.some((id) => set.has(id));
  }

  /** The zones containing the point; the last answer is kept, since the index never changes. */
  private containing(lon: number, lat: number): readonly string[] {
    checkPoint(lon, lat);
    if (lon === this.lastLon && lat === this.lastLat) return this.lastContaining;
    const out: string[] = [];
    const ids = this.ids;
    this.eachZoneContaining(lon, lat, (z) => {
      out.push(ids[z] as string);
      return false;
    });
    this.lastLon = lon;
    this.lastLat = lat;
    this.lastContaining = out;
    return out;
  }

  private nextQuery(): number {
    this.queryNumber = (this.queryNumber + 1) >>> 0;
    if (this.queryNumber === 0) {
      // Wrapped after 2^32 queries: clear so an old stamp cannot look current.
      this.seenAt.fill(0);
      this.queryNumber = 1;
    }
    return this.queryNumber;
  }
}

function checkPoint(lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError(`ZoneIndex: the point (${lon}, ${lat}) is not a pair of finite numbers`);
  }
}
