/**
 * Prepared statements kept per connection for the queries every handshake and every alert runs
 * (a session's state, a user, the policy, the stream's head): preparing one again each time cost
 * about 0.5 s of CPU in a 2,000-desk reconnect storm. For `get`, `all` and `run` only: a statement
 * switched to `pluck`, `raw` or `expand` would keep that mode for the next caller.
 */
import type Database from 'better-sqlite3';

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function cached(db: Database.Database, sql: string): Database.Statement {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
