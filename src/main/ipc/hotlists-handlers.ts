/** Hot-list freshness's channel (src/shared/ipc-hotlists.ts), asked of the hub through `askHub`. */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { hotlistFreshness } from '../services/hub-hotlists-api.js';

export function hotlistsHandlers(core: HubCaller): Pick<IpcHandlers, 'hotlists:list'> {
  return {
    'hotlists:list': () => askHub(core, (hub, token) => hotlistFreshness(hub, token)),
  };
}
