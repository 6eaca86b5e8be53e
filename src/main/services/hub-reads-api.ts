/** Read search on the hub (GET /reads and GET /reads/searches, docs/protocol.md 1.1) on `HubApi.call`. */
import type { SearchRecordQuery } from '../../shared/ipc-reads.js';
import { ReadSearchAnswer, ReadSearchRecords, type ReadSearchRequest } from '../../shared/protocol/index.js';
import type { HubApi } from './hub-api.js';

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) q.set(key, String(value));
  return q.toString();
}

/** Every field goes to the hub as typed, empty ones too: a blank purpose is refused there, in its words. */
export function searchReads(hub: HubApi, token: string, search: ReadSearchRequest): Promise<ReadSearchAnswer> {
  return hub.call('GET', `/reads?${query(search)}`, ReadSearchAnswer, { token });
}

export function recordedSearches(hub: HubApi, token: string, q: SearchRecordQuery): Promise<ReadSearchRecords> {
  const qs = query(q);
  return hub.call('GET', `/reads/searches${qs ? `?${qs}` : ''}`, ReadSearchRecords, { token });
}
