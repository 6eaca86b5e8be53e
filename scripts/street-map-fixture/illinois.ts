/**
 * What the test street map holds, in the Protomaps basemap layout the console's style reads:
 * `earth` (the nation from us-atlas), `water` (a rough Lake Michigan), `boundaries` (Illinois'
 * county lines and the state lines, from us-atlas), `roads` (a few synthetic expressways and
 * Chicago streets with `kind`, `ref` and `name`) and `places` (towns). The roads follow the real
 * ones only roughly: enough to tell I-94 from I-55 near a camera, not to navigate by.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Props = Record<string, string | number>;
export type Layers = Record<'earth' | 'water' | 'boundaries' | 'roads' | 'places', FeatureCollection<Geometry, Props>>;

const ILLINOIS = '17';

function line(coordinates: Position[], properties: Props): Feature<Geometry, Props> {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties };
}

/** [lon, lat] pairs, west to east or north to south. */
const ROADS: [Props, Position[]][] = [
  [{ kind: 'highway', ref: 'I-94', name: 'Dan Ryan Expressway' }, [[-87.8, 42.49], [-87.86, 42.2], [-87.75, 41.98], [-87.65, 41.9], [-87.641, 41.876], [-87.631, 41.858], [-87.6255, 41.84], [-87.625, 41.825], [-87.626, 41.78], [-87.627, 41.73], [-87.59, 41.665], [-87.52, 41.6]]],
  [{ kind: 'highway', ref: 'I-55', name: 'Stevenson Expressway' }, [[-87.624, 41.858], [-87.66, 41.845], [-87.7, 41.828], [-87.8, 41.8], [-87.93, 41.74], [-88.1, 41.55], [-88.45, 41.3], [-88.99, 40.48], [-89.65, 39.8], [-89.95, 39.1], [-90.18, 38.63]]],
  [{ kind: 'highway', ref: 'I-290', name: 'Eisenhower Expressway' }, [[-87.641, 41.876], [-87.7, 41.874], [-87.78, 41.872], [-87.88, 41.87], [-87.95, 41.88], [-88.0, 41.9]]],
  [{ kind: 'highway', ref: 'I-90', name: 'Jane Addams Tollway' }, [[-87.75, 41.98], [-87.9, 41.99], [-88.3, 42.07], [-88.9, 42.27], [-89.05, 42.49]]],
  [{ kind: 'highway', ref: 'I-57', name: 'I-57' }, [[-87.627, 41.73], [-87.68, 41.65], [-87.8, 41.4], [-88.24, 40.12], [-88.93, 38.6], [-89.18, 37.0]]],
  [{ kind: 'highway', ref: 'I-80', name: 'I-80' }, [[-90.5, 41.51], [-89.5, 41.35], [-88.6, 41.4], [-88.1, 41.52], [-87.52, 41.56]]],
  [{ kind: 'major_road', ref: 'US-41', name: 'Lake Shore Drive' }, [[-87.84, 42.49], [-87.8, 42.2], [-87.68, 42.02], [-87.63, 41.93], [-87.617, 41.89], [-87.613, 41.86], [-87.604, 41.835], [-87.585, 41.8], [-87.56, 41.76], [-87.53, 41.72]]],
  [{ kind: 'medium_road', name: 'Cermak Road' }, [[-87.8, 41.852], [-87.7, 41.852], [-87.6, 41.852]]],
  [{ kind: 'medium_road', name: 'Pershing Road' }, [[-87.75, 41.823], [-87.68, 41.823], [-87.607, 41.823]]],
  [{ kind: 'medium_road', name: 'Halsted Street' }, [[-87.647, 41.92], [-87.647, 41.85], [-87.647, 41.75]]],
  [{ kind: 'minor_road', name: 'Michigan Avenue' }, [[-87.619, 41.9], [-87.619, 41.84], [-87.6185, 41.78]]],
];

const PLACES: [string, number, number][] = [
  ['Chicago', -87.65, 41.88],
  ['Joliet', -88.08, 41.525],
  ['Naperville', -88.15, 41.77],
  ['Aurora', -88.32, 41.76],
  ['Rockford', -89.09, 42.27],
  ['Peoria', -89.59, 40.69],
  ['Springfield', -89.65, 39.78],
  ['Champaign', -88.24, 40.12],
  ['Bloomington', -88.99, 40.48],
];

/** A rough Lake Michigan: the Illinois and Indiana shore, closed well offshore. */
const LAKE: Position[] = [
  [-87.8, 42.49], [-87.82, 42.3], [-87.7, 42.07], [-87.63, 41.93], [-87.611, 41.89], [-87.607, 41.86], [-87.595, 41.835], [-87.575, 41.8],
  [-87.53, 41.74], [-87.52, 41.7], [-87.43, 41.66], [-87.2, 41.63], [-86.9, 41.72], [-86.6, 41.93], [-86.45, 42.3], [-86.3, 42.8],
  [-87.2, 43.2], [-87.85, 43.0], [-87.8, 42.49],
];

export function illinoisLayers(): Layers {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
    counties: GeometryCollection;
    states: GeometryCollection;
    nation: GeometryCollection;
  }>;
  const inIllinois = (g: { id?: string | number }): boolean => String(g.id).startsWith(ILLINOIS);
  const countyLines = mesh(topo, topo.objects.counties, (a, b) => a !== b && inIllinois(a) && inIllinois(b));
  const stateLines = mesh(topo, topo.objects.states, (a, b) => a !== b);
  const nation = feature(topo, topo.objects.nation) as FeatureCollection;
  return {
    earth: { type: 'FeatureCollection', features: nation.features.map((f) => ({ ...f, properties: { kind: 'earth' } })) },
    water: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [LAKE] }, properties: { kind: 'lake', name: 'Lake Michigan' } }] },
    boundaries: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: countyLines, properties: { kind: 'county', admin_level: 6 } },
        { type: 'Feature', geometry: stateLines, properties: { kind: 'region', admin_level: 4 } },
      ],
    },
    roads: { type: 'FeatureCollection', features: ROADS.map(([props, coords]) => line(coords, props)) },
    places: {
      type: 'FeatureCollection',
      features: PLACES.map(([name, lon, lat]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { kind: 'locality', name } })),
    },
  };
}
