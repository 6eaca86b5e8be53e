/**
 * The security audit trail's hash chain (CJIS AU-9), built like the acknowledgement log's:
 * `hash = sha256_hex(prevHash + canonical_json(event))`, where the event carries its id (so a
 * deleted or reordered row breaks the chain) and the first `prevHash` is 64 zeros. Both stores
 * link with `linkAuditEvent`; `verifyAuditChain` recomputes from the start.
 */
import { GENESIS_HASH } from '../../shared/chain.js';
import type { AuditChainRow, AuditEvent, AuditStore } from '../store/port.js';
import { entryHash } from './chain-hash.js';

/** The hashed form: every field, `detail` only when present, and the row id. */
export function auditHashBody(id: number, e: AuditEvent): Record<string, unknown> {
  return {
    id, at: e.at, action: e.action, outcome: e.outcome, userId: e.userId, username: e.username, source: e.source,
    ...(e.detail ? { detail: e.detail } : {}),
  };
}

export const linkAuditEvent = (prevHash: string, id: number, e: AuditEvent): string => entryHash(prevHash, auditHashBody(id, e));

export interface AuditChainReport {
  ok: boolean;
  entries: number;
  head: string;
  firstBadId?: number;
  reason?: string;
}

const PAGE = 1000;

export async function verifyAuditChain(audit: Pick<AuditStore, 'chain' | 'list'>): Promise<AuditChainReport> {
  let prev = GENESIS_HASH;
  let entries = 0;
  let afterId = 0;
  for (;;) {
    const rows: AuditChainRow[] = await audit.chain(afterId, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const bad = (reason: string): AuditChainReport => ({ ok: false, entries, head: prev, firstBadId: row.id, reason });
      if (row.prevHash !== prev) return bad('prevHash does not match the previous event');
      if (linkAuditEvent(prev, row.id, row.event) !== row.hash) return bad('the hash does not match the event');
      prev = row.hash;
      afterId = row.id;
      entries++;
    }
  }
  return { ok: true, entries, head: prev };
}
