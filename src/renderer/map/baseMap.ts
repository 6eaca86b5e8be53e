/**
 * The offline base map: Census state and county outlines from us-atlas, turned into GeoJSON once
 * and cached. Loaded lazily (it is ~0.8 MB) so the popup's text never waits for it.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface BaseMap {
  states: FeatureCollection<Geometry, { name: string }>;
  counties: FeatureCollection<Polygon | MultiPolygon, { name: string; state: string }>;
}

let cached: Promise<BaseMap> | undefined;

export function loadBaseMap(): Promise<BaseMap> {
  cached ??= import('us-atlas/counties-10m.json').then((mod) => {
    const topo = (mod as { default?: unknown }).default ?? mod;
    const t = topo as unknown as Topology<{ counties: GeometryCollection<{ name: string }>; states: GeometryCollection<{ name: string }> }>;
    const states = feature(t, t.objects.states) as FeatureCollection<Geometry, { name: string }>;
    const stateName = new Map(states.features.map((f) => [String(f.id), f.properties.name]));
    const raw = feature(t, t.objects.counties) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
    const counties: BaseMap['counties'] = {
      type: 'FeatureCollection',
      features: raw.features.map(
        (f): Feature<Polygon | MultiPolygon, { name: string; state: string }> => ({
          ...f,
          properties: { name: f.properties.name, state: stateName.get(String(f.id).slice(0, 2)) ?? '' },
        }),
      ),
    };
    return { states, counties };
  });
  return cached;
}
