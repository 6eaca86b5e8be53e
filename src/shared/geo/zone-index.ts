/**
 * ZoneIndex: which zones contain a point, fast enough for the hub to route every alert to
 * thousands of desks and for each client to check what it receives. A Flatbush over the polygons'
 * bounding boxes finds the few candidates; each candidate is decided by the banded, flat-array
 * point-in-polygon test of BandedPolygons. A point on a zone's border is inside (PROTOCOL.md).
 *
 * A zone whose geometry cannot be evaluated (malformed) is not indexed but remembered with the
 * reason, and a zone id the index has never seen is reported the same way, so the filter can fail
 * open for mandatory categories instead of silently dropping an alert.
 */
import Flatbush from 'flatbush';
import { BandedPolygons, OUTSIDE } from './banded-polygons.js';
import { geometryProblem, polygonsOf } from './zone-shape.js';

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

/** Lists longer than this are turned into a Set before a query; shorter ones are scanned. */
const SCAN_LIMIT = 8;

export class ZoneIndex {
  private readonly ids: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly failed = new Map<string, string>();
  private readonly polygons = new BandedPolygons();
  private readonly tree: Flatbush | undefined;
  private readonly polygonZone: Uint32Array;
  /** Per zone, the number of the last query that found it: dedupes islands and repeats cheaply. */
  private readonly seenAt: Uint32Array;
  private queryNumber = 0;

  constructor(zones: readonly ZoneSource[]) {
    const zoneOfPolygon: number[] = [];
    const boxes: number[] = [];
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
      for (const rings of polygonsOf(zone.geometry)) {
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (const ring of rings) {
          for (const [x, y] of ring as [number, number][]) {
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          }
        }
        this.polygons.add(rings, minY, maxY);
        zoneOfPolygon.push(z);
        boxes.push(minX, minY, maxX, maxY);
      }
    }
    this.polygons.finish();
    this.polygonZone = Uint32Array.from(zoneOfPolygon);
    this.seenAt = new Uint32Array(this.ids.length);
    if (zoneOfPolygon.length > 0) {
      const tree = new Flatbush(zoneOfPolygon.length);
      for (let i = 0; i < boxes.length; i += 4) {
        tree.add(boxes[i] as number, boxes[i + 1] as number, boxes[i + 2] as number, boxes[i + 3] as number);
      }
      tree.finish();
      this.tree = tree;
    }
  }

  /** Number of zones indexed (failed ones excluded). */
  get size(): number {
    return this.ids.length;
  }

  /** Number of polygons and stored edges (an edge counts once per band it is stored in). */
  get stats(): { zones: number; polygons: number; storedEdges: number; failed: number } {
    return { zones: this.ids.length, polygons: this.polygons.count, storedEdges: this.polygons.edgeCount, failed: this.failed.size };
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
  failuresAmong(zoneIds: ZoneIdList): ZoneFailure[] {
    const out: ZoneFailure[] = [];
    for (const zoneId of zoneIds) {
      if (this.numberOf.has(zoneId)) continue;
      out.push({ zoneId, message: this.failed.get(zoneId) ?? 'zone unknown to the index (not received or deleted)' });
    }
    return out;
  }

  /** Ids of every zone containing the point (border included), each once, in index order of discovery. */
  zonesContaining(lon: number, lat: number): string[] {
    const out: string[] = [];
    const tree = this.tree;
    if (tree === undefined) return out;
    checkPoint(lon, lat);
    const stamp = this.nextQuery();
    const { polygonZone, seenAt, polygons, ids } = this;
    tree.search(lon, lat, lon, lat, (p) => {
      const z = polygonZone[p] as number;
      if (seenAt[z] !== stamp && polygons.locate(p, lon, lat) !== OUTSIDE) {
        seenAt[z] = stamp;
        out.push(ids[z] as string);
      }
      return false;
    });
    return out;
  }

  /**
   * Whether the point is inside (or on the border of) any of `zoneIds`, or of any zone when
   * `zoneIds` is omitted. Zones that cannot be evaluated never contain anything here; ask
   * `failuresAmong` for them.
   */
  containsAny(lon: number, lat: number, zoneIds?: ZoneIdList): boolean {
    const tree = this.tree;
    if (tree === undefined) return false;
    checkPoint(lon, lat);
    const allowed = allowedTest(zoneIds);
    const { polygonZone, polygons, ids } = this;
    let found = false;
    // Flatbush has no early exit from `search`; the filter turns into a no-op once found.
    tree.search(lon, lat, lon, lat, (p) => {
      if (found) return false;
      const z = polygonZone[p] as number;
      if (allowed !== undefined && !allowed(ids[z] as string)) return false;
      if (polygons.locate(p, lon, lat) !== OUTSIDE) found = true;
      return false;
    });
    return found;
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

function allowedTest(zoneIds: ZoneIdList | undefined): ((id: string) => boolean) | undefined {
  if (zoneIds === undefined) return undefined;
  if (!Array.isArray(zoneIds)) {
    const set = zoneIds as ReadonlySet<string>;
    return (id) => set.has(id);
  }
  if (zoneIds.length > SCAN_LIMIT) {
    const set = new Set(zoneIds);
    return (id) => set.has(id);
  }
  return (id) => zoneIds.includes(id);
}
