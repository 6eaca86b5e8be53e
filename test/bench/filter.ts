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
/** Per round, points for each method; rounds interleave the methods so machine load hits all alike. */
const ROUNDS = 50;
const CHUNK = { index: 20_000, indexTurf: 4_000, turfLoop: 40 };
/** Stop starting rounds after this long (the turf loop dominates; fewer points, same ratio). */
const MEASURE_SECONDS = 60;

type Query = (lon: number, lat: number) => string[];

/** Flatbush over each zone's bbox, turf on the candidates: the baseline a good engineer writes first. */
function indexTurf(zones: CountyZone[]): Query {
  const features: Feature<Polygon | MultiPolygon>[] = zones.map((z) => turfFeature(z.geometry));
  const tree = new Flatbush(zones.length);
  for (const z of zones) {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const ring of ringsOf(z.geometry)) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x as number);
        maxX = Math.max(maxX, x as number);
        minY = Math.min(minY, y as number);
        maxY = Math.max(maxY, y as number);
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

interface Method {
  query: Query;
  chunk: number;
  done: number;
  ms: number;
  /** CPU time of this process (user + system, microseconds): the honest cost on a busy machine. */
  cpuUs: number;
  answers: string[][];
}

/**
 * Interleaved measurement: each round runs every method on its next chunk of the same point
 * sequence. On a shared two-core machine the load changes from second to second; interleaving
 * makes the ratio fair even when the absolute rates move.
 */
function measure(methods: Method[], points: Float64Array): void {
  const deadline = performance.now() + MEASURE_SECONDS * 1000;
  for (let round = 0; round < ROUNDS && performance.now() < deadline; round += 1) {
    for (const m of methods) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const end = m.done + m.chunk;
      for (let i = m.done; i < end; i += 1) m.answers.push(m.query(points[2 * i]!, points[2 * i + 1]!));
      const used = process.cpuUsage(cpu);
      m.cpuUs += used.user + used.system;
      m.ms += performance.now() - start;
      m.done = end;
    }
  }
}

const rate = (m: Method): number => m.done / (m.ms / 1000);
const cpuRate = (m: Method): number => m.done / (m.cpuUs / 1e6);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

function countMismatches(
  points: Float64Array,
  mine: Query,
  oracle: Query,
  limit = points.length / 2,
): { mismatches: number; example?: string } {
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
function boundaryPoints(zones: CountyZone[]): {
  vertices: Float64Array;
  midpoints: Float64Array;
  exactlyOnEdge: number;
} {
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
  log(
    `zones: ${zones.length} (us-atlas counties-10m x 3, shifted +0.013 and +0.026 deg), loaded in ${Math.round(performance.now() - t)} ms`,
  );

  t = performance.now();
  const index = new ZoneIndex(zones);
  const s = index.stats;
  log(
    `ZoneIndex built in ${Math.round(performance.now() - t)} ms: ${s.polygons} polygons, ${s.storedEdges} stored edges, ${s.failed} failed`,
  );
  const mine: Query = (lon, lat) => index.zonesContaining(lon, lat);
  t = performance.now();
  const baseline = indexTurf(zones);
  log(`Flatbush+turf built in ${Math.round(performance.now() - t)} ms`);
  const loop = turfLoop(zones);

  const points = uniformPoints(ROUNDS * CHUNK.index, SEED);
  // Warm up the JIT on points the measurement does not use.
  const warm = uniformPoints(50_000, SEED + 1);
  for (let i = 0; i < 50_000; i += 1) mine(warm[2 * i]!, warm[2 * i + 1]!);
  for (let i = 0; i < 5_000; i += 1) baseline(warm[2 * i]!, warm[2 * i + 1]!);
  for (let i = 0; i < 10; i += 1) loop(warm[2 * i]!, warm[2 * i + 1]!);

  const method = (query: Query, chunk: number): Method => ({
    query,
    chunk,
    done: 0,
    ms: 0,
    cpuUs: 0,
    answers: [],
  });
  const fast = method(mine, CHUNK.index);
  const withTurf = method(baseline, CHUNK.indexTurf);
  const plain = method(loop, CHUNK.turfLoop);
  t = performance.now();
  measure([fast, withTurf, plain], points);
  log(`measured in ${Math.round((performance.now() - t) / 1000)} s, interleaved rounds:`);
  for (const [name, m] of [
    ['ZoneIndex', fast],
    ['Flatbush+turf', withTurf],
    ['turf loop', plain],
  ] as const) {
    log(
      `  ${name}: ${m.done} points, ${Math.round(rate(m))} points/s (${Math.round(cpuRate(m))} per CPU-second)`,
    );
  }

  // Correctness on random points: the same points, the index's answers against both turf runs.
  let randomMismatches = 0;
  for (const other of [withTurf, plain]) {
    other.answers.forEach((b, i) => {
      if (!sameSet(fast.answers[i]!, b)) randomMismatches += 1;
    });
  }
  const inside = withTurf.answers.filter((a) => a.length > 0).length;
  log(
    `random points: ${withTurf.done} vs Flatbush+turf and ${plain.done} vs the turf loop ` +
      `(${inside} of the first inside some zone): ${randomMismatches} mismatches`,
  );

  const { vertices, midpoints, exactlyOnEdge } = boundaryPoints(zones);
  const v = countMismatches(vertices, mine, baseline);
  log(
    `vertex points: ${vertices.length / 2}, ${v.mismatches} mismatches${v.example ? ` e.g. ${v.example}` : ''}`,
  );
  const e = countMismatches(midpoints, mine, baseline);
  log(
    `edge midpoints: ${midpoints.length / 2} (${exactlyOnEdge} exactly on their edge in binary floating point; the others a rounding error to one side, ` +
      `decided by the same exact predicate as turf's), ${e.mismatches} mismatches${e.example ? ` e.g. ${e.example}` : ''}`,
  );
  const mismatches = randomMismatches + v.mismatches + e.mismatches;
  log(`ZoneIndex vs Flatbush+turf: ${(rate(fast) / rate(withTurf)).toFixed(1)}x`);
  log(
    `filter: zones=${zones.length} points_per_s=${Math.round(rate(fast))} turf_points_per_s=${Math.round(rate(plain))} ` +
      `index_turf_points_per_s=${Math.round(rate(withTurf))} ratio=${Math.round(rate(fast) / rate(plain))} mismatches=${mismatches}`,
  );
}

main();
