/**
 * Accounts for the command line and scripts that open a store without running a hub: the keys
 * come from the same place the hub takes them (operator secret or `hub.key`), and ended sessions
 * are only written to the store; running hubs find them within a second (stream/session-watch.ts).
 */
import { SecurityLog } from '../audit/security-log.js';
import { type Clock, systemClock } from '../clock.js';
import type { HubStore } from '../store/port.js';
import { Accounts } from './accounts.js';
import { type KeySource, loadHubKeys } from './hub-keys.js';
import { SessionEnds } from './session-ends.js';

export async function offlineAccounts(store: HubStore, keySource: KeySource, clock: Clock = systemClock): Promise<Accounts> {
  const keys = await loadHubKeys(keySource, store.secrets);
  return new Accounts(store, new SecurityLog(store.audit, clock), clock, keys, new SessionEnds(store.sessions, clock));
}
