/**
 * terra-draw on a MapLibre map, set up for zones: one polygon mode for outer rings, one for holes
 * (drawn red so a hole never looks like a zone), and a select mode in which a ring's vertices are
 * dragged, inserted at midpoints and deleted. Each ring is one terra-draw feature; the workspace
 * composes them into the zone's Polygon or MultiPolygon (model/rings.ts).
 *
 * terra-draw renders through ordinary MapLibre sources and layers and evaluates no code from
 * strings, so it runs under the app's strict CSP as it is.
 */
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Map as MlMap } from 'maplibre-gl';
import type { DraftRing, Position } from './model/rings.js';

export type DrawTool = 'select' | 'polygon' | 'hole' | 'static';

const ZONE = '#1e88e5';
const HOLE = '#e53935';
const EDIT = { coordinates: { draggable: true, midpoints: true, deletable: true } };

export function startDraw(map: MlMap): TerraDraw {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
    modes: [
      new TerraDrawPolygonMode({
        modeName: 'polygon',
        styles: { fillColor: ZONE, fillOpacity: 0.25, outlineColor: ZONE, outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: ZONE, closingPointWidth: 7, closingPointOutlineWidth: 3 },
      }),
      new TerraDrawPolygonMode({
        modeName: 'hole',
        styles: { fillColor: HOLE, fillOpacity: 0.3, outlineColor: HOLE, outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: HOLE, closingPointWidth: 7, closingPointOutlineWidth: 3 },
      }),
      new TerraDrawSelectMode({
        flags: { polygon: { feature: EDIT }, hole: { feature: EDIT } },
        styles: {
          selectedPolygonColor: ZONE,
          selectedPolygonFillOpacity: 0.3,
          selectedPolygonOutlineColor: '#ffb300',
          selectedPolygonOutlineWidth: 4,
          selectionPointColor: '#ffffff',
          selectionPointOutlineColor: '#0d47a1',
          selectionPointWidth: 6,
          selectionPointOutlineWidth: 3,
          midPointColor: '#ffb300',
          midPointOutlineColor: '#ffffff',
          midPointWidth: 4,
        },
      }),
    ],
  });
  draw.start();
  return draw;
}

const round = (x: number): number => Math.round(x * 1e7) / 1e7;

/** Replaces what terra-draw holds with these rings (rounded to terra-draw's 7 decimals). */
export function loadRings(draw: TerraDraw, rings: readonly DraftRing[]): void {
  draw.clear();
  if (rings.length === 0) return;
  const features = rings.map(
    (r): GeoJSONStoreFeatures => ({
      id: r.id,
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [r.ring.map(([x, y]) => [round(x), round(y)])] },
      properties: { mode: r.role === 'hole' ? 'hole' : 'polygon' },
    }),
  );
  const refused = draw.addFeatures(features).filter((v) => !v.valid);
  if (refused.length > 0) throw new Error(`the map could not take ${refused.length} ring(s): ${refused.map((v) => v.reason ?? 'invalid').join('; ')}`);
}

/** The finished rings terra-draw holds (a ring still being drawn is not one yet). */
export function ringsIn(draw: TerraDraw): DraftRing[] {
  return draw
    .getSnapshot()
    .filter((f) => f.geometry.type === 'Polygon' && (f.properties.mode === 'polygon' || f.properties.mode === 'hole') && !f.properties.currentlyDrawing)
    .map((f) => ({
      id: String(f.id),
      role: f.properties.mode === 'hole' ? 'hole' : 'outer',
      ring: ((f.geometry.coordinates as Position[][])[0] ?? []).map(([x, y]) => [x, y] as Position),
    }));
}
