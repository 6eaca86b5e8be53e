/**
 * A match becomes a hit (docs/protocol.md 1.1): the read plus the entry, `hotlist.source` the
 * list's source, `match` how it matched. Its id is derived from the read, the list and the entry,
 * so the same read matched again (sent twice, or after a crash) makes the same alert id, and the
 * alert store keeps it once: one read and one entry make at most one alert.
 */
import { createHash } from 'node:crypto';
import type { Hit, Read } from '../../shared/protocol/index.js';
import type { Match } from './matcher.js';

/** Which entry of a list this is, stable across replacements of the list that keep the entry. */
function entryKey(m: Match): string {
  return m.entry.entryId ?? `${m.entry.plate}/${m.entry.state}/${m.entry.category}`;
}

export function alertIdFor(readId: string, m: Match): string {
  const digest = createHash('sha256').update(`${readId}\u0000${m.list.id}\u0000${entryKey(m)}`).digest('hex');
  const readable = `${readId}~${m.list.id}~${digest.slice(0, 12)}`;
  // A hit id is at most 128 characters; a long read id gets the digest alone.
  return readable.length <= 128 ? readable : `m-${digest}`;
}

export function hitFromMatch(read: Read, m: Match): Hit {
  const { id, ...rest } = read;
  const hit: Hit = {
    ...rest,
    id: alertIdFor(id, m),
    readId: id,
    category: m.entry.category,
    hotlist: {
      source: m.list.source as Hit['hotlist']['source'],
      plate: m.entry.plate,
      state: m.entry.state,
      reason: m.entry.reason,
      ...(m.entry.entryId !== undefined ? { entryId: m.entry.entryId } : {}),
      ...(m.entry.enteredAt !== undefined ? { enteredAt: m.entry.enteredAt } : {}),
      ...(m.entry.caseNumber !== undefined ? { caseNumber: m.entry.caseNumber } : {}),
      ...(m.entry.owner !== undefined ? { owner: { userId: m.entry.owner.userId, username: m.entry.owner.username } } : {}),
    },
    match: m.kind,
  };
  if (m.candidatePlate !== undefined) hit.candidatePlate = m.candidatePlate;
  return hit;
}
