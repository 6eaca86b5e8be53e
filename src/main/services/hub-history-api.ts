/** My alert history on the hub (GET /me/alerts, an addition of this project) on `HubApi.call`. */
import { MyAlertPage, type HistorySearch } from '../../shared/ipc-history.js';
import type { HubApi } from './hub-api.js';

export function myAlerts(hub: HubApi, token: string, search: HistorySearch): Promise<MyAlertPage> {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== '') q.set(key, value);
  const query = q.toString();
  return hub.call('GET', `/me/alerts${query ? `?${query}` : ''}`, MyAlertPage, { token });
}
