/**
 * Brings a database written before protocol 1.1 up to the accounts schema (inside the schema
 * transaction and its advisory lock): the new account columns, ingest-key revocation and last
 * use, and a session row for every refresh family still live, so desks signed in before the
 * upgrade stay signed in under the new allow-list. Idempotent and additive (ADD COLUMN IF NOT
 * EXISTS only); versioned migrations will replace it.
 */
import type pg from 'pg';
import { USER_COLUMNS_1_1 } from '../user-row.js';

export async function upgradeAccounts(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ n: string }>(
    "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'disabled'",
  );
  const before11 = Number(rows[0]?.n ?? 0) === 0;
  for (const [name, definition] of USER_COLUMNS_1_1) await client.query(`ALTER TABLE users ADD COLUMN IF NOT EXISTS ${name} ${definition}`);
  await client.query('ALTER TABLE ingest_keys ADD COLUMN IF NOT EXISTS revoked_at TEXT');
  await client.query('ALTER TABLE ingest_keys ADD COLUMN IF NOT EXISTS last_used_at TEXT');
  if (before11) {
    await client.query(`INSERT INTO sessions (id, user_id, created_at)
      SELECT family_id, MIN(user_id), MIN(created_at) FROM refresh_tokens
      WHERE family_id NOT IN (SELECT family_id FROM revoked_families) GROUP BY family_id
      ON CONFLICT (id) DO NOTHING`);
  }
}
