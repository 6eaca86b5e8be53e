/**
 * The scale-out store: every hub node opens the same PostgreSQL database (`DATABASE_URL`). The
 * schema is created on first start and migrated at every start (./migrations.ts). Beyond the `HubStore` port it offers `routingVersion()`, which
 * the scale-out wiring polls to notice zone, policy and preference changes made on other nodes.
 */
import type { HubStore } from '../port.js';
import { PgAuditStore, PgIngestKeyStore, PgSecretStore, PgSessionStore, PgUserStore } from './accounts.js';
import { PgAckLogStore } from './acks.js';
import { PgHotlistStore, PgReadStore } from './hotlists.js';
import { PgLocalEntryStore } from './local-entries.js';
import { PgReadArchive, PgReadSearchLog } from './read-archive.js';
import { PgAlertStore, PgReceiptStore } from './alerts.js';
import type { MigrationReport } from '../schema-version.js';
import { migratePostgres } from './migrations.js';
import { PgReviewStore } from './review.js';
import { PgPolicyStore, PgZoneStore } from './zones-policy.js';

export interface PgHubStore extends HubStore {
  /** A counter bumped by every zone, policy or preference write, on any node. */
  routingVersion(): Promise<number>;
  /** Called with the new routing version after this node's own zone, policy or preference write. */
  onRoutingWrite(listener: (version: number) => void): void;
}

export interface PostgresOptions {
  /** Pool size per hub node (default 10). */
  maxConnections?: number;
  /** Reports a lost idle connection (the pool replaces it; without a listener the process would die). */
  onError?: (err: unknown) => void;
  /** Told which migrations opening applied (`opentas-hub migrate` prints it). */
  onMigrated?: (report: MigrationReport) => void;
}

export function isPgHubStore(store: HubStore): store is PgHubStore {
  return typeof (store as Partial<PgHubStore>).routingVersion === 'function';
}

export async function openPostgresStore(connectionString: string, options: PostgresOptions = {}): Promise<PgHubStore> {
  // Loaded by a hub on Postgres only: not with every start of one on SQLite.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    // Fail fast while the database is unreachable: callers retry, and the hub's catch-up loop
    // brings clients level once the link is back. A hung query must not hold an ingest forever.
    connectionTimeoutMillis: 5_000,
    query_timeout: 30_000,
    application_name: 'opentas-hub',
  });
  pool.on('error', (err) => (options.onError ?? (() => {}))(err));
  const client = await pool.connect().catch(async (err: unknown) => {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot connect to the database (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`);
  });
  try {
    // Brings a database written by an older hub up to date (refuses one written by a newer hub).
    const report = await migratePostgres(client);
    options.onMigrated?.(report);
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    throw err;
  }
  client.release();
  const readArchive = new PgReadArchive(pool);
  // The days ahead are made by every start and every retention run (docs/adr/0028): a node that was
  // down past midnight does not leave today's reads to the DEFAULT partition. Not a reason to refuse
  // to start: without them reads land in DEFAULT, and the hourly retention run tries again.
  await readArchive.days.prepare(new Date()).catch((err: unknown) => (options.onError ?? (() => {}))(err));
  let closed: Promise<void> | undefined;
  const routingListeners = new Set<(version: number) => void>();
  const routingWritten = (version: number): void => {
    for (const l of routingListeners) l(version);
  };
  const acks = new PgAckLogStore(pool);
  return {
    users: new PgUserStore(pool),
    sessions: new PgSessionStore(pool),
    keys: new PgIngestKeyStore(pool),
    alerts: new PgAlertStore(pool),
    receipts: new PgReceiptStore(pool),
    acks,
    zones: new PgZoneStore(pool, routingWritten),
    policy: new PgPolicyStore(pool, routingWritten),
    audit: new PgAuditStore(pool),
    secrets: new PgSecretStore(pool),
    review: new PgReviewStore(pool),
    hotlists: new PgHotlistStore(pool),
    reads: new PgReadStore(pool),
    localEntries: new PgLocalEntryStore(pool),
    readArchive,
    readSearches: new PgReadSearchLog(pool),
    async routingVersion() {
      const { rows } = await pool.query<{ version: string }>('SELECT version FROM routing_version WHERE id = 1');
      return Number(rows[0]?.version ?? 0);
    },
    onRoutingWrite(listener) {
      routingListeners.add(listener);
    },
    close() {
      // The appends already queued are committed first (the pool refuses queries once ended).
      closed ??= acks.flush().then(() => pool.end());
      return closed;
    },
  };
}
