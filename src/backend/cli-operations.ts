/**
 * `opentas-hub backup` and `restore` (docs/protocol.md 1.1 "Operating the hub"): the command-line
 * side of store/sqlite/backup.ts. The arguments are parsed by cli.ts; these print and answer the
 * exit status.
 */
import { verifyChain } from './audit/chain-verifier.js';
import { requireStore } from './store/existing-store.js';
import { type BackupFacts, backupSqlite, restoreSqlite } from './store/sqlite/backup.js';
import { openSqliteStore } from './store/sqlite/index.js';

/** A Postgres store is backed up with the database's own tools, which know its transactions. */
export class PostgresBackupRefusal extends Error {
  constructor(verb: 'backup' | 'restore') {
    super(
      `DATABASE_URL is set, so the store is Postgres: ${verb === 'backup' ? 'back it up with pg_dump' : 'restore it with pg_restore'} (docs/deploy.md)`,
    );
  }
}

const describe = (f: BackupFacts): string =>
  `${f.alerts} alerts, ${f.ackEntries} log entries, head ${f.ackHead ?? '(empty log)'}, schema version ${f.schemaVersion}${f.withKey ? ', with hub.key' : ''}`;

export async function backupCommand(dataDir: string, out: string): Promise<number> {
  if (process.env.DATABASE_URL) throw new PostgresBackupRefusal('backup');
  await requireStore(dataDir, undefined);
  const facts = await backupSqlite(dataDir, out);
  console.log(`backup of ${dataDir} written to ${out} at ${facts.madeAt}: ${describe(facts)}`);
  return 0;
}

export async function restoreCommand(file: string, dataDir: string): Promise<number> {
  if (process.env.DATABASE_URL) throw new PostgresBackupRefusal('restore');
  const facts = restoreSqlite(file, dataDir);
  console.log(`restored ${file} (made ${facts.madeAt}) into ${dataDir}: ${describe(facts)}`);
  // Proves the copy before anyone serves it: the chain must verify and end where the backup said.
  const store = openSqliteStore(dataDir);
  try {
    const report = await verifyChain(store.acks);
    const sameHead =
      report.entries === facts.ackEntries && (facts.ackHead === null || report.head === facts.ackHead);
    if (report.ok && sameHead) {
      console.log(`ok: ${report.entries} entries, head ${report.head}`);
      if (!facts.withKey)
        console.log('the backup holds no hub.key: set OPENTAS_HUB_SECRET as the original hub had it');
      return 0;
    }
    console.log(
      `the restored log does not verify as backed up: ${report.ok ? `${report.entries} entries, head ${report.head}` : `broken at seq ${report.firstBadSeq}: ${report.reason}`}`,
    );
    return 1;
  } finally {
    await store.close();
  }
}
