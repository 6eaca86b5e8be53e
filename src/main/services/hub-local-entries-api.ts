/** The local hot list on the hub (docs/protocol.md 1.1 `/hotlists/local/entries`) on `HubApi.call`. */
import { z } from 'zod';
import { LocalEntry, LocalEntryList, type LocalEntryInput } from '../../shared/protocol/local-entry.js';
import type { HubApi } from './hub-api.js';

const PATH = '/hotlists/local/entries';

export function localEntries(hub: HubApi, token: string): Promise<LocalEntryList> {
  return hub.call('GET', PATH, LocalEntryList, { token });
}

export function addLocalEntry(hub: HubApi, token: string, entry: LocalEntryInput): Promise<LocalEntry> {
  return hub.call('POST', PATH, LocalEntry, { token, body: entry });
}

export async function removeLocalEntry(hub: HubApi, token: string, id: string): Promise<{ removed: true }> {
  await hub.call('DELETE', `${PATH}/${encodeURIComponent(id)}`, z.unknown(), { token });
  return { removed: true };
}
