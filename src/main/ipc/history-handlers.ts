/** My alert history's channel (src/shared/ipc-history.ts), asked of the hub through `askHub`. */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { myAlerts } from '../services/hub-history-api.js';

export function historyHandlers(core: HubCaller): Pick<IpcHandlers, 'history:search'> {
  return {
    'history:search': (search) => askHub(core, (hub, token) => myAlerts(hub, token, search)),
  };
}
