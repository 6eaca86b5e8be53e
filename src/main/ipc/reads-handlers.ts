/** Read search's channels (src/shared/ipc-reads.ts), asked of the hub through `askHub`. */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { recordedSearches, searchReads } from '../services/hub-reads-api.js';

export function readsHandlers(core: HubCaller): Pick<IpcHandlers, 'reads:search' | 'reads:searches'> {
  return {
    'reads:search': (search) => askHub(core, (hub, token) => searchReads(hub, token, search)),
    'reads:searches': (q) => askHub(core, (hub, token) => recordedSearches(hub, token, q)),
  };
}
