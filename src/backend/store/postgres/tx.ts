/** Transactions over a pool, and the advisory-lock keys that serialise writes across hub nodes. */
import type pg from 'pg';

/** Advisory lock keys (per database). Arbitrary constants; they only have to differ. */
export const LOCK = {
  schema: 0x0_7a5_0001,
  /** Held from seq allocation to commit: alerts become visible in seq order on every node. */
  ingest: 0x0_7a5_0002,
  /** Held while appending to the acknowledgement log: one chain head across all nodes. */
  ackLog: 0x0_7a5_0003,
  zones: 0x0_7a5_0004,
  /** Held while appending to the security audit trail: one chain head across all nodes. */
  audit: 0x0_7a5_0005,
  /** Held while a day partition of `reads` is made or dropped (./read-days.ts). */
  readDays: 0x0_7a5_0006,
} as const;

export async function inTransaction<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>, lock?: number): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (lock !== undefined) await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Builds a WHERE clause from optional conditions: each `[sql with ?, value]` is kept when the value
 * is set; an array value fills the `?`s in order.
 */
export function where(conditions: [string, unknown][], params: unknown[]): string {
  const parts: string[] = [];
  for (const [sql, value] of conditions) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    let i = 0;
    parts.push(sql.replace(/\?/g, () => {
      params.push(values[i++]);
      return `$${params.length}`;
    }));
  }
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}
