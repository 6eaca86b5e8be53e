/**
 * Handlers of the street map channels (src/shared/ipc-map.ts): which archive the maps draw, and the
 * desk's own choice. The router has already checked the location's form; the file itself is read
 * only by the host that serves it.
 */
import type { Settings } from '../../shared/ipc.js';
import type { Policy } from '../../shared/protocol/index.js';
import type { IpcHandlers } from './router.js';
import { chooseStreetMap, streetMapView } from '../services/street-map.js';

type MapHandlers = Pick<IpcHandlers, 'map:street' | 'map:setStreet'>;

/** What the map channels need of the app: its settings and the policy the hub sent. */
export interface MapDesk {
  settings(): Settings;
  saveSettings(next: Settings): Promise<void>;
  policy(): Policy;
}

export function mapHandlers(desk: MapDesk): MapHandlers {
  return {
    'map:street': async () => streetMapView(chooseStreetMap(desk.settings(), desk.policy())),
    'map:setStreet': async ({ pmtiles }) => {
      const { baseMapPmtiles: _old, ...rest } = desk.settings();
      const next: Settings = pmtiles === null ? rest : { ...rest, baseMapPmtiles: pmtiles };
      await desk.saveSettings(next);
      return { ok: true, map: streetMapView(chooseStreetMap(next, desk.policy())) };
    },
  };
}
