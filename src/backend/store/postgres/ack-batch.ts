/**
 * One batch of acknowledgement-log appends on Postgres, inside the caller's transaction (which holds
 * the log's advisory lock): five reads for the whole batch (earlier outcomes of its event ids, the
 * trails of its alerts, the chain head, the alerts' categories), then each append decided in order in
 * memory (a repeated eventId gets the first answer, the order check sees the batch's earlier entries),
 * one multi-row INSERT and one statement for the search rows. An append took ten round trips under
 * the lock before, so the lock, not the database, set the log's rate across every hub node.
 */
import type pg from 'pg';
import { GENESIS_HASH, canonicalJson } from '../../../shared/chain.js';
import type { AckEntry } from '../../../shared/protocol/index.js';
import { entryHash } from '../../audit/chain-hash.js';
import type { Settled } from '../group-commit.js';
import type { AckAppend, AckOutcome, AckRefusalRecord } from '../port.js';
import { recordAckFacts } from './review.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

interface Row {
  seq: number;
  eventId: string;
  alertId: string;
  userId: string;
  category: string | null;
  serverAt: string;
  body: string;
  hash: string;
}

export async function appendAckBatch(db: Queryable, batch: AckAppend[]): Promise<Settled<AckOutcome>[]> {
  const eventIds = [...new Set(batch.map((a) => a.draft.eventId))];
  const alertIds = [...new Set(batch.map((a) => a.draft.alertId))];
  const known = new Map<string, AckOutcome>();
  for (const r of (await db.query<{ event_id: string; body: string }>('SELECT event_id, body FROM ack_refusals WHERE event_id = ANY($1)', [eventIds])).rows) {
    known.set(r.event_id, { ok: false, error: (JSON.parse(r.body) as AckRefusalRecord).error });
  }
  // After the refusals: an eventId both refused and stored (a resend that raced) answers with its entry.
  for (const r of (await db.query<{ event_id: string; seq: string }>('SELECT event_id, seq FROM ack_log WHERE event_id = ANY($1)', [eventIds])).rows) {
    known.set(r.event_id, { ok: true, entrySeq: Number(r.seq) });
  }
  const trails = new Map<string, AckEntry[]>();
  const stored = await db.query<{ alert_id: string; body: string; hash: string }>(
    'SELECT alert_id, body, hash FROM ack_log WHERE alert_id = ANY($1) ORDER BY seq', [alertIds],
  );
  for (const r of stored.rows) {
    const trail = trails.get(r.alert_id) ?? [];
    trail.push({ ...(JSON.parse(r.body) as Omit<AckEntry, 'hash'>), hash: r.hash });
    trails.set(r.alert_id, trail);
  }
  const head = (await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM ack_log ORDER BY seq DESC LIMIT 1')).rows[0];
  const categories = new Map(
    (await db.query<{ id: string; category: string }>('SELECT id, category FROM alerts WHERE id = ANY($1)', [alertIds])).rows.map((r) => [r.id, r.category]),
  );

  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows: Row[] = [];
  const results = batch.map(({ draft, check }): Settled<AckOutcome> => {
    try {
      const again = known.get(draft.eventId);
      if (again) return { value: again };
      const trail = trails.get(draft.alertId) ?? [];
      const refusal = check(trail);
      if (refusal) return { value: { ok: false, error: refusal } };
      const entry: Omit<AckEntry, 'hash'> = { ...draft, seq: seq + 1, prevHash };
      const hash = entryHash(prevHash, entry);
      seq = entry.seq;
      prevHash = hash;
      rows.push({
        seq, eventId: draft.eventId, alertId: draft.alertId, userId: draft.userId, category: categories.get(draft.alertId) ?? null,
        serverAt: draft.serverAt, body: canonicalJson(entry), hash,
      });
      trails.set(draft.alertId, [...trail, { ...entry, hash }]);
      const outcome: AckOutcome = { ok: true, entrySeq: seq };
      known.set(draft.eventId, outcome);
      return { value: outcome };
    } catch (error) {
      return { error };
    }
  });
  if (rows.length > 0) {
    await db.query(
      `INSERT INTO ack_log (seq, event_id, alert_id, user_id, category, server_at, body, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [
        rows.map((r) => r.seq), rows.map((r) => r.eventId), rows.map((r) => r.alertId), rows.map((r) => r.userId),
        rows.map((r) => r.category), rows.map((r) => r.serverAt), rows.map((r) => r.body), rows.map((r) => r.hash),
      ],
    );
    await recordAckFacts(db, rows[0]!.seq);
  }
  return results;
}
