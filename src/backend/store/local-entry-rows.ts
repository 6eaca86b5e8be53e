/** A local entry's row as both stores keep it (SQLite and Postgres have the same columns), and its entry. */
import type { LocalEntry } from '../../shared/protocol/local-entry.js';

export interface LocalEntryRow {
  id: string;
  plate: string;
  state: string;
  category: string;
  reason: string;
  case_number: string;
  purpose: string;
  expires_at: string;
  look_back_days: number | null;
  domain: string;
  owner_id: string;
  owner_username: string;
  created_at: string;
}

export const COLUMNS =
  'id, plate, state, category, reason, case_number, purpose, expires_at, look_back_days, domain, owner_id, owner_username, created_at';

/** The values of COLUMNS, in order. */
export function toValues(e: LocalEntry): unknown[] {
  return [e.id, e.plate, e.state, e.category, e.reason, e.caseNumber, e.purpose, e.expiresAt, e.lookBackDays ?? null, e.domain, e.owner.userId, e.owner.username, e.createdAt];
}

export function toEntry(r: LocalEntryRow): LocalEntry {
  return {
    id: r.id,
    plate: r.plate,
    state: r.state,
    category: r.category as LocalEntry['category'],
    reason: r.reason,
    caseNumber: r.case_number,
    purpose: r.purpose,
    expiresAt: r.expires_at,
    ...(r.look_back_days !== null ? { lookBackDays: Number(r.look_back_days) } : {}),
    domain: r.domain as LocalEntry['domain'],
    owner: { userId: r.owner_id, username: r.owner_username },
    createdAt: r.created_at,
  };
}
