/** The hub's Troop read (GET /troop/alerts, an addition of this project) on `HubApi.call`. */
import { TroopAlerts } from '../../shared/ipc-troop.js';
import type { HubApi } from './hub-api.js';

export function troopAlerts(hub: HubApi, token: string, since: string): Promise<TroopAlerts> {
  return hub.call('GET', `/troop/alerts?since=${encodeURIComponent(since)}`, TroopAlerts, { token });
}
