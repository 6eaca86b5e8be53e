/**
 * Builds the test street map: a small PMTiles v3 archive of vector tiles (MVT) holding Illinois'
 * county lines, the state lines, Lake Michigan, towns and a few synthetic named roads (I-94, I-55,
 * US-41...), zoom 0 to 10 over Illinois. Deterministic: the same inputs give the same bytes.
 * The browser tests generate it into a temporary folder; to look at it yourself:
 *
 *   node --import tsx scripts/make-pmtiles-fixture.ts [out.pmtiles]   (default .data/illinois-streets.pmtiles)
 *
 * and set it as the desk's street map in Settings (or `baseMap.pmtiles` in the hub's policy).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { illinoisLayers } from './street-map-fixture/illinois.js';
import { writePmtiles, type ArchiveTile } from './street-map-fixture/pmtiles-writer.js';

export const FIXTURE_BOUNDS: [number, number, number, number] = [-92.0, 36.5, -86.5, 43.0];
export const FIXTURE_MAX_ZOOM = 10;

function tileRange(z: number, [west, south, east, north]: [number, number, number, number]): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z;
  const x = (lon: number): number => Math.min(n - 1, Math.floor(((lon + 180) / 360) * n));
  const y = (lat: number): number => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
  };
  return { x0: x(west), x1: x(east), y0: y(north), y1: y(south) };
}

export function buildStreetMapFixture(): Buffer {
  const layers = illinoisLayers();
  const indexes = Object.entries(layers).map(([name, data]) => [name, new GeoJSONVT(data, { maxZoom: FIXTURE_MAX_ZOOM, indexMaxZoom: 4, tolerance: 3, extent: 4096, buffer: 64 })] as const);
  const tiles: ArchiveTile[] = [];
  for (let z = 0; z <= FIXTURE_MAX_ZOOM; z += 1) {
    const { x0, x1, y0, y1 } = tileRange(z, FIXTURE_BOUNDS);
    for (let x = x0; x <= x1; x += 1) {
      for (let y = y0; y <= y1; y += 1) {
        const present = Object.fromEntries(indexes.flatMap(([name, index]) => {
          const tile = index.getTile(z, x, y);
          return tile && tile.features.length > 0 ? [[name, tile]] : [];
        }));
        if (Object.keys(present).length === 0) continue;
        tiles.push({ z, x, y, data: fromGeojsonVt(present, { version: 2, extent: 4096 }) });
      }
    }
  }
  const fields = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n === 'admin_level' ? 'Number' : 'String']));
  return writePmtiles({
    tiles,
    minZoom: 0,
    maxZoom: FIXTURE_MAX_ZOOM,
    bounds: FIXTURE_BOUNDS,
    center: [-87.63, 41.84, 9],
    metadata: {
      name: 'OpenTAS test street map (Illinois)',
      description: 'County and state lines from the US Census (us-atlas); roads and towns are synthetic, for tests only.',
      attribution: 'US Census Bureau; synthetic roads',
      vector_layers: [
        { id: 'earth', fields: fields(['kind']) },
        { id: 'water', fields: fields(['kind', 'name']) },
        { id: 'boundaries', fields: fields(['kind', 'admin_level']) },
        { id: 'roads', fields: fields(['kind', 'ref', 'name']) },
        { id: 'places', fields: fields(['kind', 'name']) },
      ],
    },
  });
}

export function makeStreetMapFixture(out: string): { path: string; bytes: number } {
  const archive = buildStreetMapFixture();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, archive);
  return { path: out, bytes: archive.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? '.data/illinois-streets.pmtiles');
  const { bytes } = makeStreetMapFixture(out);
  console.log(`wrote ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
}
