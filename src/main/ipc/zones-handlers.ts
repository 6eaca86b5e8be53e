/**
 * Handlers of the Zones workspace's channels (src/shared/ipc-zones.ts). Each asks the hub through
 * `askHub`, so the token stays here and a refusal (403, a 400's issues) reaches the screen in words.
 */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { allZones, deleteZone, people, recentAlerts, saveZone, zoneHistory } from '../services/hub-zones-api.js';

type ZonesHandlers = Pick<IpcHandlers, 'zones:all' | 'zones:save' | 'zones:delete' | 'zones:history' | 'zones:people' | 'zones:recentAlerts'>;

export function zonesHandlers(core: HubCaller): ZonesHandlers {
  return {
    'zones:all': () => askHub(core, (hub, token) => allZones(hub, token)),
    'zones:save': (draft) => askHub(core, (hub, token) => saveZone(hub, token, draft)),
    'zones:delete': ({ id }) => askHub(core, (hub, token) => deleteZone(hub, token, id)),
    'zones:history': ({ id }) => askHub(core, (hub, token) => zoneHistory(hub, token, id)),
    'zones:people': () => askHub(core, (hub, token) => people(hub, token)),
    'zones:recentAlerts': ({ since, bbox }) => askHub(core, (hub, token) => recentAlerts(hub, token, since, bbox)),
  };
}
