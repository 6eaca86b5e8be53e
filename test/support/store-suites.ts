/**
 * The two stores a store contract runs against: SQLite in a temp folder, and Postgres in a throwaway
 * cluster of its own (one database per case). Where Postgres is missing, the Postgres half is skipped,
 * except in CI (`CI=true`), where it fails: a contract that ran on one store only proves half of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { HubStore } from '../../src/backend/store/port.js';
import { openPostgresStore } from '../../src/backend/store/postgres/index.js';
import { openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { PostgresCluster, requireServices, scaleOutServices } from './services.js';

export interface OpenedStore {
  store: HubStore;
  close(): Promise<void>;
}

/** A SQLite store in a new temp folder, removed on close. */
export function openTempSqlite(prefix: string): OpenedStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = openSqliteStore(dir);
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Postgres store on the database at `url`. */
export async function openPostgresAt(url: string): Promise<OpenedStore> {
  const store = await openPostgresStore(url);
  return { store, close: () => store.close() };
}

/**
 * A `Postgres` block with its own cluster, started before its cases and stopped after them.
 * `database(name)` makes a new database (`name_N`) and answers its URL.
 */
export function describePostgres(what: string, body: (database: (name: string) => Promise<string>) => void): void {
  const services = scaleOutServices(true);
  let cluster: PostgresCluster | undefined;
  let serial = 0;
  describe.skipIf(!services.ok && process.env.CI !== 'true')('Postgres', () => {
    beforeAll(async () => {
      requireServices(services, what);
      cluster = await PostgresCluster.start(services.pgBin!);
    });
    afterAll(async () => cluster?.stop());
    body((name) => cluster!.createDatabase(`${name}_${++serial}`));
  });
}
