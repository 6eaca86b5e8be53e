/**
 * GeoJSON in and out of the workspace. A file is a Feature, a FeatureCollection, or a bare Polygon
 * or MultiPolygon; every shape in it is checked with the hub's own validator before anything is
 * imported, and one bad shape refuses the whole file with a message naming the feature (its
 * `name` property, or its number) and the problem. Nothing is half-imported.
 */
import { validateZoneGeometry } from '../../../shared/geo/validate.js';
import { ZoneId, type Zone, type ZoneGeometry } from '../../../shared/protocol/zone.js';

export interface ImportedShape {
  /** The feature's `id` (or `properties.id`) when it is a valid zone id. */
  id?: string;
  name: string;
  geometry: ZoneGeometry;
  active: boolean;
}

export type ImportResult = { ok: true; shapes: ImportedShape[] } | { ok: false; message: string };

/** Files larger than this are refused before parsing: a zone has at most 10,000 positions. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseZoneFile(text: string, fileName: string): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, message: `${fileName} is larger than 20 MB: not a zone file.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${fileName} is not JSON (${(err as Error).message}). Nothing was imported.` };
  }
  if (!isObject(json)) return { ok: false, message: `${fileName} is not a GeoJSON object. Nothing was imported.` };
  const base = fileName.replace(/\.(geo)?json$/i, '');
  let features: unknown[];
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) return { ok: false, message: `${fileName}: the FeatureCollection has no "features" array. Nothing was imported.` };
    features = json.features;
  } else if (json.type === 'Feature') {
    features = [json];
  } else if (json.type === 'Polygon' || json.type === 'MultiPolygon') {
    features = [{ type: 'Feature', geometry: json, properties: { name: base } }];
  } else {
    return { ok: false, message: `${fileName}: a ${JSON.stringify(json.type) ?? 'typeless object'} is not a Feature, FeatureCollection, Polygon or MultiPolygon. Nothing was imported.` };
  }
  if (features.length === 0) return { ok: false, message: `${fileName} holds no features. Nothing was imported.` };

  const shapes: ImportedShape[] = [];
  for (const [i, f] of features.entries()) {
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    const named = typeof props.name === 'string' && props.name.trim() ? props.name.trim().slice(0, 200) : undefined;
    const label = `feature ${i + 1}${named ? ` ("${named}")` : ''}`;
    if (!isObject(f) || f.type !== 'Feature') return refuse(fileName, label, 'it is not a GeoJSON Feature');
    const problems = validateZoneGeometry(f.geometry, 'geometry');
    const first = problems[0];
    if (first) return refuse(fileName, label, problems.length > 1 ? `${first.message} (and ${problems.length - 1} more problem(s))` : first.message);
    const rawId = f.id ?? props.id;
    const id = typeof rawId === 'string' && ZoneId.safeParse(rawId).success ? rawId : undefined;
    shapes.push({
      ...(id ? { id } : {}),
      name: named ?? (features.length > 1 ? `${base} ${i + 1}` : base),
      geometry: f.geometry as ZoneGeometry,
      active: props.active !== false,
    });
  }
  return { ok: true, shapes };
}

function refuse(fileName: string, label: string, problem: string): ImportResult {
  return { ok: false, message: `${fileName}: ${label}: ${problem}. Nothing was imported.` };
}

/** Zones as a FeatureCollection other GIS tools read; properties carry what the hub keeps. */
export function zonesToGeoJson(zones: readonly Zone[]): string {
  return JSON.stringify(
    {
      type: 'FeatureCollection',
      features: zones.map((z) => ({
        type: 'Feature',
        id: z.id,
        geometry: z.geometry,
        properties: { id: z.id, name: z.name, active: z.active, users: z.assignees.users, units: z.assignees.units, updatedBy: z.updatedBy ?? null, updatedAt: z.updatedAt ?? null },
      })),
    },
    null,
    1,
  );
}
