/** Zones for tests: rectangles around real places, and broken geometries. */
import type { Zone } from '../../src/shared/protocol/index.js';

export function box(w: number, s: number, e: number, n: number): Zone['geometry'] {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Chicago's south side, around I-94 @ 35th St. */
export const CHICAGO = box(-87.70, 41.78, -87.58, 41.88);
/** Springfield, around I-55 @ Clear Lake Ave. */
export const SPRINGFIELD_POINT = { lat: 39.8087, lon: -89.5928 };
export const CHICAGO_POINT = { lat: 41.8309, lon: -87.6307 };

export function zone(id: string, geometry: Zone['geometry'], assignees: Partial<Zone['assignees']> = {}): Zone {
  return { id, name: `Zone ${id}`, geometry, assignees: { users: [], units: [], ...assignees }, active: true };
}
