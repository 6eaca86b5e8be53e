/** The local hot list's channels (src/shared/ipc-local-entries.ts), asked of the hub through `askHub`. */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { addLocalEntry, localEntries, removeLocalEntry } from '../services/hub-local-entries-api.js';

export function localEntriesHandlers(core: HubCaller): Pick<IpcHandlers, 'localEntries:list' | 'localEntries:add' | 'localEntries:remove'> {
  return {
    'localEntries:list': () => askHub(core, (hub, token) => localEntries(hub, token)),
    'localEntries:add': (entry) => askHub(core, (hub, token) => addLocalEntry(hub, token, entry)),
    'localEntries:remove': ({ id }) => askHub(core, (hub, token) => removeLocalEntry(hub, token, id)),
  };
}
