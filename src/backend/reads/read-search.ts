/**
 * A search of the stored reads (docs/protocol.md 1.1 `GET /reads`, ENF-051 IV.E.4 and IV.E.11-12):
 * a stated purpose and case number first, then the reads of the searcher's own data domain only
 * (motor-carrier reads for motor-carrier users and the reverse), and the search recorded with how
 * many reads it answered before the answer leaves: a search whose record cannot be written is
 * not answered.
 */
import type { Domain, ReadSearchAnswer } from '../../shared/protocol/index.js';
import { parsePlatePattern } from '../../shared/plate-pattern.js';
import type { Clock } from '../clock.js';
import { HubError } from '../errors.js';
import type { HubStore } from '../store/port.js';

export interface Searcher {
  userId: string;
  username: string;
  domain: Domain;
}

export interface ReadSearchQuery {
  /** Normalized already (upper case, no spaces); checked again here. */
  plate: string;
  since?: string;
  until?: string;
  purpose: string;
  caseNumber: string;
  limit: number;
  cursor?: string;
}

const encodeCursor = (readAt: string, id: string): string => Buffer.from(JSON.stringify([readAt, id])).toString('base64url');

function decodeCursor(cursor: string): { readAt: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { readAt: v[0], id: v[1] };
  } catch {
    // Falls through to the refusal below.
  }
  throw new HubError(400, 'invalid_request', 'the cursor is not one this hub gave out', { issues: [{ path: 'cursor', message: 'unknown cursor' }] });
}

export class ReadSearch {
  constructor(
    private readonly store: Pick<HubStore, 'readArchive' | 'readSearches'>,
    private readonly clock: Clock,
  ) {}

  async search(who: Searcher, q: ReadSearchQuery): Promise<ReadSearchAnswer> {
    if (q.since !== undefined && q.until !== undefined && q.since >= q.until) {
      throw new HubError(400, 'invalid_request', 'the time range is empty: "since" must be before "until"', { issues: [{ path: 'until', message: 'must be after since' }] });
    }
    const pattern = parsePlatePattern(q.plate);
    const found = await this.store.readArchive.search({
      pattern,
      domain: who.domain,
      ...(q.since !== undefined ? { since: q.since } : {}),
      ...(q.until !== undefined ? { until: q.until } : {}),
      ...(q.cursor !== undefined ? { before: decodeCursor(q.cursor) } : {}),
      limit: q.limit,
    });
    await this.store.readSearches.add({
      at: this.clock.now().toISOString(),
      userId: who.userId,
      username: who.username,
      domain: who.domain,
      plate: pattern.text,
      since: q.since ?? null,
      until: q.until ?? null,
      purpose: q.purpose,
      caseNumber: q.caseNumber,
      results: found.length,
    });
    const last = found.at(-1);
    return { items: found.map((f) => f.read), nextCursor: found.length === q.limit && last ? encodeCursor(last.readAt, last.read.id) : null };
  }
}
