/** The Troop view's channel (src/shared/ipc-troop.ts), asked of the hub through `askHub`. */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import type { Clock } from '../services/ports.js';
import { troopAlerts } from '../services/hub-troop-api.js';

export function troopHandlers(core: HubCaller & { ports: { clock: Pick<Clock, 'now'> } }): Pick<IpcHandlers, 'troop:alerts'> {
  return {
    'troop:alerts': ({ hours }) => askHub(core, (hub, token) => troopAlerts(hub, token, new Date(core.ports.clock.now() - hours * 3600_000).toISOString())),
  };
}
