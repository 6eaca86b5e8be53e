/**
 * `npm run bench -- filter` (issue 4): the ZoneIndex against the plain turf loop and against
 * Flatbush + turf (what a good engineer writes first), on 9,693 real county-shaped zones, with a
 * correctness check against turf on random points and on points placed on vertices and edges.
 * Last line: `filter: zones=9693 points_per_s=… turf_points_per_s=… index_turf_points_per_s=… ratio=… mismatches=…`
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { feature as turfFeature, point as turfPoint } from '@turf/helpers';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ZoneIndex } from '../../src/shared/geo/zone-index.js';
import { orientSign } from '../../src/shared/geo/orient-sign.js';
import { type CountyZone, loadCountyZones, ringsOf, uniformPoints } from './us-county-zones.js';

const SEED = 20261128;
const INDEX_POINTS = 1_000_000;
const INDEX_TURF_POINTS = 200_000;
const TURF_LOOP_SECONDS = 10;
const INDEX_SECONDS = 5;
const INDEX_TURF_SECONDS = 6;

type Query = (lon: number, lat: number) => string[];

/** Flatbush over each zone's bbox, turf on the candidates: the baseline a good engineer writes first. */
function indexTurf(zones: CountyZone[]): Query {
  const features: Feature<Polygon | MultiPolygon>[] = zones.map((z) => turfFeature(z.geometry));
  const tree = new Flatbush(zones.length);
  for (const z of zones) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const ring of ringsOf(z.geometry)) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x as number); maxX = Math.max(maxX, x as number);
        minY = Math.min(minY, y as number); maxY = Math.max(maxY, y as number);
      }
    }
    tree.add(minX, minY, maxX, maxY);
  }
  tree.finish();
  return (lon, lat) => {
    const pt = turfPoint([lon, lat]);
    const out: string[] = [];
    for (const i of tree.search(lon, lat, lon, lat)) {
      if (booleanPointInPolygon(pt, features[i]!, { ignoreBoundary: false })) out.push(zones[i]!.id);
    }
    return out;
  };
}

function turfLoop(zones: CountyZone[]): Query {
  const features = zones.map((z) => turfFeature(z.geometry));
  return (lon, lat) => {
    const pt = turfPoint([lon, lat]);
    const out: string[] = [];
    for (let i = 0; i < features.length; i += 1) {
      if (booleanPointInPolygon(pt, features[i]!, { ignoreBoundary: false })) out.push(zones[i]!.id);
    }
    return out;
  };
}

/** Run `query` over the points until done or out of time; points per second and the answers. */
function measure(query: Query, points: Float64Array, seconds: number): { perSecond: number; answers: string[][] } {
  const answers: string[][] = [];
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  const n = points.length / 2;
  let i = 0;
  for (; i < n; i += 1) {
    answers.push(query(points[2 * i]!, points[2 * i + 1]!));
    // Check the clock every 256 points so the check costs nothing measurable.
    if ((i & 255) === 255 && performance.now() > deadline) {
      i += 1;
      break;
    }
  }
  return { perSecond: i / ((performance.now() - start) / 1000), answers };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

function countMismatches(points: Float64Array, mine: Query, oracle: Query, limit = points.length / 2): { mismatches: number; example?: string } {
  let mismatches = 0;
  let example: string | undefined;
  for (let i = 0; i < limit; i += 1) {
    const lon = points[2 * i]!;
    const lat = points[2 * i + 1]!;
    const a = mine(lon, lat);
    const b = oracle(lon, lat);
    if (!sameSet(a, b)) {
      mismatches += 1;
      example ??= `(${lon}, ${lat}): index [${a.join(',')}] turf [${b.join(',')}]`;
    }
  }
  return { mismatches, example };
}

/** Every vertex, and the midpoint of every edge (with how many midpoints are exactly on their edge in doubles). */
function boundaryPoints(zones: CountyZone[]): { vertices: Float64Array; midpoints: Float64Array; exactlyOnEdge: number } {
  const vertices: number[] = [];
  const midpoints: number[] = [];
  let exactlyOnEdge = 0;
  for (const z of zones) {
    for (const ring of ringsOf(z.geometry)) {
      for (let i = 0; i + 1 < ring.length; i += 1) {
        const [x1, y1] = ring[i] as [number, number];
        const [x2, y2] = ring[i + 1] as [number, number];
        vertices.push(x1, y1);
        const mx = (x1 + x2) / 2;
        const my = (y1 + y2) / 2;
        midpoints.push(mx, my);
        if (orientSign(x1 - mx, y1 - my, x2 - mx, y2 - my) === 0) exactlyOnEdge += 1;
      }
    }
  }
  return { vertices: Float64Array.from(vertices), midpoints: Float64Array.from(midpoints), exactlyOnEdge };
}

function main(): void {
  const log = (s: string): void => console.log(s);
  let t = performance.now();
  const zones = loadCountyZones();
  log(`zones: ${zones.length} (us-atlas counties-10m x 3, shifted +0.013 and +0.026 deg), loaded in ${Math.round(performance.now() - t)} ms`);

  t = performance.now();
  const index = new ZoneIndex(zones);
  const s = index.stats;
  log(`ZoneIndex built in ${Math.round(performance.now() - t)} ms: ${s.polygons} polygons, ${s.storedEdges} stored edges, ${s.failed} failed`);
  const mine: Query = (lon, lat) => index.zonesContaining(lon, lat);
  t = performance.now();
  const baseline = indexTurf(zones);
  log(`Flatbush+turf built in ${Math.round(performance.now() - t)} ms`);
  const loop = turfLoop(zones);

  const points = uniformPoints(INDEX_POINTS, SEED);
  measure(mine, points.subarray(0, 100_000), 2); // warm up the JIT
  const fast = measure(mine, points, INDEX_SECONDS);
  log(`ZoneIndex: ${fast.answers.length} points, ${Math.round(fast.perSecond)} points/s`);
  measure(baseline, points.subarray(0, 20_000), 1);
  const withTurf = measure(baseline, points.subarray(0, INDEX_TURF_POINTS * 2), INDEX_TURF_SECONDS);
  log(`Flatbush+turf: ${withTurf.answers.length} points, ${Math.round(withTurf.perSecond)} points/s`);
  const plain = measure(loop, points, TURF_LOOP_SECONDS);
  log(`turf loop: ${plain.answers.length} points, ${Math.round(plain.perSecond)} points/s`);

  // Correctness. Random points: every one the Flatbush+turf run answered, and the turf loop's.
  let randomMismatches = 0;
  withTurf.answers.forEach((b, i) => { if (!sameSet(fast.answers[i] ?? mine(points[2 * i]!, points[2 * i + 1]!), b)) randomMismatches += 1; });
  plain.answers.forEach((b, i) => { if (!sameSet(fast.answers[i] ?? [], b)) randomMismatches += 1; });
  const inside = withTurf.answers.filter((a) => a.length > 0).length;
  log(`random points: ${withTurf.answers.length} vs Flatbush+turf and ${plain.answers.length} vs the turf loop (${inside} inside some zone): ${randomMismatches} mismatches`);

  const { vertices, midpoints, exactlyOnEdge } = boundaryPoints(zones);
  const v = countMismatches(vertices, mine, baseline);
  log(`vertex points: ${vertices.length / 2}, ${v.mismatches} mismatches${v.example ? ` e.g. ${v.example}` : ''}`);
  const e = countMismatches(midpoints, mine, baseline);
  log(
    `edge midpoints: ${midpoints.length / 2} (${exactlyOnEdge} exactly on their edge in binary floating point; the others a rounding error to one side, ` +
      `decided by the same exact predicate as turf's), ${e.mismatches} mismatches${e.example ? ` e.g. ${e.example}` : ''}`,
  );
  const mismatches = randomMismatches + v.mismatches + e.mismatches;
  const ratio = fast.perSecond / plain.perSecond;
  log(`vs Flatbush+turf: ${(fast.perSecond / withTurf.perSecond).toFixed(1)}x`);
  log(
    `filter: zones=${zones.length} points_per_s=${Math.round(fast.perSecond)} turf_points_per_s=${Math.round(plain.perSecond)} ` +
      `index_turf_points_per_s=${Math.round(withTurf.perSecond)} ratio=${Math.round(ratio)} mismatches=${mismatches}`,
  );
}

main();
