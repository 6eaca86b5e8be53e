/**
 * Stored reads per second for `match.ts` (issue 11): the read intake's own write, `HubStore.reads.record`,
 * in batches of 1,000 one after another (as one hub node's intake stores them), on SQLite in a temp
 * folder with the hub's pragmas and on Postgres in a cluster started here on loopback (fsync off, like
 * the tests': the figure is the hub's and the database's work, not the disk's). The reads are
 * realistic in size (the text body a camera sends, a tenth with a small plate image) and read within
 * the last hours, so on Postgres they land in today's day partition, as live reads do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadStore } from '../../../src/backend/store/hotlist-port.js';
import { openPostgresStore } from '../../../src/backend/store/postgres/index.js';
import { openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import type { Read } from '../../../src/shared/protocol/index.js';
import type { Random } from '../../../src/shared/seeded-random.js';
import { PostgresCluster, scaleOutServices } from '../../support/services.js';

const BATCH = 1_000;
const NETWORKS = ['isp', 'flock', 'vehiclemanager', 'other'] as const;
// A few hundred bytes, as a JPEG thumbnail in a data URL would be after the camera crops the plate.
const IMAGE = `data:image/jpeg;base64,${'A'.repeat(600)}`;

export function makeStoredReads(rand: Random, plates: readonly { plate: string; plateState: string }[], count: number): Read[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const p = plates[i % plates.length]!;
    return {
      id: `bench-${now}-${i}`,
      plate: p.plate,
      plateState: p.plateState,
      readAt: new Date(now - Math.floor(rand() * 3 * 3600_000)).toISOString(),
      location: { lat: 37 + rand() * 5, lon: -91 + rand() * 3.5 },
      heading: Math.floor(rand() * 360),
      camera: { id: `cam-${i % 500}`, name: `Camera ${i % 500}`, type: 'stationary', network: NETWORKS[i % NETWORKS.length]! },
      ...(i % 10 === 0 ? { images: { plate: IMAGE } } : {}),
    };
  });
}

async function perSecond(reads: ReadStore, batch: readonly Read[][]): Promise<number> {
  const start = performance.now();
  let stored = 0;
  for (const b of batch) {
    const r = await reads.record(b, new Date().toISOString());
    stored += b.length - r.duplicates.length;
  }
  const seconds = (performance.now() - start) / 1000;
  if (stored !== batch.reduce((n, b) => n + b.length, 0)) throw new Error(`stored ${stored} reads, fewer than sent`);
  return Math.round(stored / seconds);
}

const batches = (reads: readonly Read[]): Read[][] =>
  Array.from({ length: Math.ceil(reads.length / BATCH) }, (_, i) => reads.slice(i * BATCH, (i + 1) * BATCH));

export async function sqliteStoredPerSecond(reads: readonly Read[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-bench-reads-'));
  const store = openSqliteStore(dir);
  try {
    return await perSecond(store.reads, batches(reads));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `not_run` (with the reason printed) where PostgreSQL is not installed. */
export async function postgresStoredPerSecond(reads: readonly Read[], log: (line: string) => void): Promise<number | 'not_run'> {
  const services = scaleOutServices(true);
  if (!services.ok || !services.pgBin) {
    log(`match: postgres not measured: ${services.reason}`);
    return 'not_run';
  }
  const cluster = await PostgresCluster.start(services.pgBin);
  try {
    const store = await openPostgresStore(await cluster.createDatabase('benchreads'));
    try {
      return await perSecond(store.reads, batches(reads));
    } finally {
      await store.close();
    }
  } finally {
    await cluster.stop();
  }
}
