/**
 * Opening a store that must already exist (docs/protocol.md 1.1, "Operating the hub"): the commands
 * that read a data folder (audit verify, retention, migrate, backup, doctor, user unlock/disable)
 * refuse a folder that does not exist or holds no store. Opening it the ordinary way would create
 * an empty store and report on it, so an operator's typo in the path would read as a clean audit.
 *
 * The probe opens SQLite read-only and never creates, chmods or migrates anything: a refused folder
 * is left exactly as it was found.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { dbPath } from './sqlite/index.js';

/** The folder or database holds no hub store (or is not one): exit 2, one line. */
export class NoStoreError extends Error {}

/** Why `dataDir` holds no SQLite hub store, or undefined when it holds one. */
export function sqliteStoreProblem(dataDir: string): string | undefined {
  if (!existsSync(dataDir)) return `no data folder at ${dataDir}`;
  if (!statSync(dataDir).isDirectory()) return `${dataDir} is not a folder`;
  const file = dbPath(dataDir);
  if (!existsSync(file) || statSync(file).size === 0) return `${dataDir} holds no hub store (no ${file})`;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const users = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get();
    return users === undefined ? `${file} holds no hub store (no users table)` : undefined;
  } catch (err) {
    return `${file} is not a hub store (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    db?.close();
  }
}

/** Why the database at `url` holds no hub store, or undefined when it holds one. Unreachable: throws. */
export async function postgresStoreProblem(url: string): Promise<string | undefined> {
  // Loaded by a hub on Postgres only: not with every start of one on SQLite.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `cannot connect to the database (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('users')::text AS t");
    return rows[0]?.t ? undefined : `the database named by DATABASE_URL holds no hub store (no users table)`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws NoStoreError unless the store (Postgres when `databaseUrl` is set, else `dataDir`) exists. */
export async function requireStore(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const problem = databaseUrl ? await postgresStoreProblem(databaseUrl) : sqliteStoreProblem(dataDir);
  if (problem !== undefined) throw new NoStoreError(problem);
}
