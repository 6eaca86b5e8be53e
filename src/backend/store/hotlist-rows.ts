/** A hot list's row as both stores keep it (SQLite and Postgres have the same columns), and its record. */
import type { HotlistRecord } from './hotlist-port.js';

export interface HotlistRow {
  id: string;
  name: string;
  source: string;
  domain: string;
  downloaded_at: string;
  entries: number;
  version: number;
  updated_at: string;
}

export const COLUMNS = 'id, name, source, domain, downloaded_at, entries, version, updated_at';

export function toRecord(r: HotlistRow): HotlistRecord {
  return {
    id: r.id,
    name: r.name,
    source: r.source as HotlistRecord['source'],
    domain: r.domain as HotlistRecord['domain'],
    downloadedAt: r.downloaded_at,
    entries: r.entries,
    version: r.version,
    updatedAt: r.updated_at,
  };
}
