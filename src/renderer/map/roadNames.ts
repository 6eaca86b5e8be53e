/**
 * The road names a map has drawn from the street map's label layer (an expressway's number, a
 * street's name: the label layer's own rule), for the maps' `data-road-labels`: the browser tests
 * read it back to check that names really render.
 */
import type { Map as MlMap } from 'maplibre-gl';
import { ROAD_LABEL_LAYER } from './baseMapStyle.js';

export function roadNames(map: MlMap): string[] {
  if (!map.getLayer(ROAD_LABEL_LAYER)) return [];
  const names = map
    .queryRenderedFeatures({ layers: [ROAD_LABEL_LAYER] })
    .map((f) => String((f.properties.kind === 'highway' ? (f.properties.ref ?? f.properties.name) : (f.properties.name ?? f.properties.ref)) ?? ''));
  return [...new Set(names.filter(Boolean))].sort();
}
