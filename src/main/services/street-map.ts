/**
 * Which street map a desk draws, and what that means for the page: the desk's own archive wins
 * over the agency's policy (a desk on a slow link may keep a local copy). The page always reads the
 * archive at its own origin: the host reads the file, or relays the agency's https URL (the policy
 * arrives after sign-in, long after the page's CSP was fixed, and the page then needs to reach
 * nothing but itself). Only an agency map style URL widens the CSP, by exactly its origin.
 */
import { createHash } from 'node:crypto';
import { STREET_MAP_PATH, type StreetMap } from '../../shared/ipc-map.js';
import type { Settings } from '../../shared/ipc.js';
import { parseBaseMapLocation, type BaseMapLocation, type Policy } from '../../shared/protocol/index.js';

export interface StreetMapChoice {
  from: StreetMap['from'];
  location?: BaseMapLocation;
  desk?: string;
  agency?: string;
}

export function chooseStreetMap(settings: Pick<Settings, 'baseMapPmtiles'>, policy: Pick<Policy, 'baseMap'>): StreetMapChoice {
  const desk = settings.baseMapPmtiles;
  const agency = policy.baseMap?.pmtiles;
  const known = { ...(desk ? { desk } : {}), ...(agency ? { agency } : {}) };
  for (const [from, value] of [['desk', desk], ['agency', agency]] as const) {
    if (!value) continue;
    const location = parseBaseMapLocation(value);
    // Both were checked when saved; a value that no longer parses is skipped, never half-used.
    if (!('error' in location)) return { from, location, ...known };
  }
  return { from: 'none', ...known };
}

/** What the renderer gets: always a path of its own origin (the host reads or relays the archive). */
export function streetMapView(choice: StreetMapChoice): StreetMap {
  const { location } = choice;
  const view: StreetMap = { from: choice.from, ...(choice.desk ? { desk: choice.desk } : {}), ...(choice.agency ? { agency: choice.agency } : {}) };
  if (!location) return view;
  // A new archive gets a new URL, so nothing cached from the old one is mixed in.
  const version = createHash('sha256').update(location.kind === 'url' ? location.url : location.path).digest('hex').slice(0, 12);
  return { ...view, tiles: `${STREET_MAP_PATH}?v=${version}` };
}

/** Origins other than its own that the page may connect to: exactly the agency's map style server. */
export function mapConnectOrigins(mapStyleUrl: string | undefined): string[] {
  if (!mapStyleUrl) return [];
  try {
    const url = new URL(mapStyleUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
  } catch {
    // Settings only hold a valid URL; a broken one simply allows nothing.
    return [];
  }
}

/** What a host needs from the app to serve the page: the archive behind STREET_MAP_PATH and the CSP's map origins. */
export interface MapSources {
  archive?: BaseMapLocation;
  connectOrigins: string[];
}

export function mapSources(settings: Settings, policy: Policy): MapSources {
  const { location } = chooseStreetMap(settings, policy);
  return { ...(location ? { archive: location } : {}), connectOrigins: mapConnectOrigins(settings.mapStyleUrl) };
}
