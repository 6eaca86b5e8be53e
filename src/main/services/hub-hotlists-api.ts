/** The hub's hot lists and their freshness (GET /hotlists, any user) on `HubApi.call`. */
import { HotlistList } from '../../shared/ipc-hotlists.js';
import type { HubApi } from './hub-api.js';

export function hotlistFreshness(hub: HubApi, token: string): Promise<HotlistList> {
  return hub.call('GET', '/hotlists', HotlistList, { token });
}
