/**
 * `opentas-hub`: the hub's command line (docs/protocol.md#operating-the-hub). Exit 0 on success, 1 when
 * a check fails (audit verify), 2 with a one-line error on bad arguments.
 */
import { pathToFileURL } from 'node:url';
import { Role } from '../shared/protocol/index.js';
import { SecurityLog } from './audit/security-log.js';
import { verifyAuditChain } from './audit/audit-chain.js';
import { verifyChain } from './audit/chain-verifier.js';
import type { KeySource } from './auth/hub-keys.js';
import { offlineAccounts } from './auth/offline-accounts.js';
import { COMMAND_LINE_PASSWORD_WARNING, PasswordSourceError, readPassword } from './cli-password.js';
import { systemClock } from './clock.js';
import { PostgresBackupRefusal, backupCommand, restoreCommand } from './cli-operations.js';
import { UsageError, flags, required } from './cli-args.js';
import { evidenceVerifyCommand } from './cli-evidence.js';
import { serve } from './cli-serve.js';
import { ImportUsageError, hotlistImport } from './cli-hotlist.js';
import { runDoctor } from './doctor.js';
import { HubError } from './errors.js';
import { RetentionJob } from './retention/retention-job.js';
import { NoStoreError, requireStore } from './store/existing-store.js';
import type { HubStore } from './store/port.js';
import { type MigrationReport, SchemaTooNewError } from './store/schema-version.js';
import { BackupRefusal } from './store/sqlite/backup.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { openPostgresStore } from './store/postgres/index.js';

const USAGE = `usage:
  opentas-hub serve --port N --data DIR [--host H] [--demo] [--simulate RATE] [--simulate-reads RATE] [--banner-file PATH]
      [--tls-cert PEM --tls-key PEM] [--insecure-http]
      (OPENTAS_HUB_SECRET: the key secret shared by every node; else DIR/hub.key;
       OPENTAS_METRICS_TOKEN: 16+ characters turn on GET /metrics for that bearer token)
  opentas-hub user add --data DIR --username U [--password-stdin | --password P] --roles R1,R2 [--unit NAME] [--display-name NAME] [--totp]
      [--leads-certified-until DATE] [--training-completed-at DATE]
  opentas-hub user unlock --data DIR --username U
  opentas-hub user disable --data DIR --username U
  opentas-hub key add --data DIR --name NAME
  opentas-hub audit verify --data DIR
  opentas-hub retention run --data DIR [--as-of ISO-TIME]
  opentas-hub migrate --data DIR
  opentas-hub backup --data DIR --out FILE      (while the hub serves; SQLite; Postgres: pg_dump)
  opentas-hub restore --file FILE --data DIR    (into a missing or empty folder only)
  opentas-hub doctor --data DIR [--host H] [--tls-cert PEM --tls-key PEM] [--insecure-http]
      (one line per check; exit 1 when one fails)
  opentas-hub evidence verify FILE              (recomputes every hash of an evidence package; exit 1 naming the file that differs)
  opentas-hub hotlist import --data DIR --file F.csv --source NCIC --id ncic --map plate=LIC,state=LIS[,category=C][,reason=R][,entryId=N][,enteredAt=D]
      [--name NAME] [--domain general|motor_carrier] [--downloaded-at ISO] [--category C] [--reason TEXT] [--skip-bad]
      (replaces the list whole; a bad row stores nothing unless --skip-bad; progress on stderr)`;

/** Where the hub's keys come from: OPENTAS_HUB_SECRET when set, else `hub.key` in the data folder. */
function keySource(dataDir: string): KeySource {
  const secret = process.env.OPENTAS_HUB_SECRET;
  return secret ? { secret } : { dataDir };
}

/**
 * `existing`: the command reads the store, so a missing or empty one is refused (exit 2) instead
 * of created; `user add` and `key add` set up a new folder and may create it.
 */
async function withStore<T>(
  dataDir: string,
  run: (store: HubStore) => Promise<T>,
  o: { existing: boolean; onMigrated?: (report: MigrationReport) => void } = { existing: true },
): Promise<T> {
  if (o.existing) await requireStore(dataDir, process.env.DATABASE_URL);
  const migrated = o.onMigrated ? { onMigrated: o.onMigrated } : {};
  // DATABASE_URL names the Postgres database the hub nodes share; the commands then act on it.
  const store = process.env.DATABASE_URL ? await openPostgresStore(process.env.DATABASE_URL, migrated) : openSqliteStore(dataDir, migrated);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function user(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    const f = flags(rest, {
      data: 'string', username: 'string', password: 'string', 'password-stdin': 'boolean', roles: 'string', unit: 'string', 'display-name': 'string', totp: 'boolean',
      'leads-certified-until': 'string', 'training-completed-at': 'string',
    });
    const dates: { leadsCertifiedUntil?: string; trainingCompletedAt?: string } = {};
    for (const [flag, key] of [['leads-certified-until', 'leadsCertifiedUntil'], ['training-completed-at', 'trainingCompletedAt']] as const) {
      const v = f[flag];
      if (typeof v !== 'string') continue;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new UsageError(`--${flag} must be a date (ISO 8601)`);
      dates[key] = d.toISOString();
    }
    const roles = required(f, 'roles').split(',').map((r) => r.trim());
    const bad = roles.find((r) => !Role.safeParse(r).success);
    if (bad !== undefined) throw new UsageError(`unknown role "${bad}" (roles: ${Role.options.join(', ')})`);
    const username = required(f, 'username');
    const dataDir = required(f, 'data');
    const password = await readPassword(f).catch((err: unknown) => {
      throw err instanceof PasswordSourceError ? new UsageError(err.message) : err;
    });
    return withStore(dataDir, async (store) => {
      const accounts = await offlineAccounts(store, keySource(dataDir));
      const created = await accounts.addUser({
        username, password, roles: roles as Role[],
        ...(typeof f.unit === 'string' ? { unit: f.unit } : {}),
        ...(typeof f['display-name'] === 'string' ? { displayName: f['display-name'] } : {}),
        totp: f.totp === true,
        ...dates,
      });
      console.log(`added user ${created.user.username} (${created.user.id}) roles ${created.user.roles.join(',')}`);
      if (created.totpSecret) console.log(created.totpSecret);
      if (typeof f.password === 'string') console.error(COMMAND_LINE_PASSWORD_WARNING);
      return 0;
    }, { existing: false });
  }
  if (verb === 'unlock') {
    const f = flags(rest, { data: 'string', username: 'string' });
    const username = required(f, 'username');
    const dataDir = required(f, 'data');
    return withStore(dataDir, async (store) => {
      await (await offlineAccounts(store, keySource(dataDir))).unlock(username);
      console.log(`unlocked ${username}; the account's sessions have ended`);
      return 0;
    });
  }
  if (verb === 'disable') {
    const f = flags(rest, { data: 'string', username: 'string' });
    const username = required(f, 'username');
    const dataDir = required(f, 'data');
    return withStore(dataDir, async (store) => {
      // Running hubs end the user's open sockets within a second (they poll the store for ended sessions).
      await (await offlineAccounts(store, keySource(dataDir))).disable(username);
      console.log(`disabled ${username}; the account's sessions have ended`);
      return 0;
    });
  }
  throw new UsageError('expected "user add", "user unlock" or "user disable"');
}

async function key(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'add') throw new UsageError('expected "key add"');
  const f = flags(rest, { data: 'string', name: 'string' });
  const name = required(f, 'name');
  const dataDir = required(f, 'data');
  return withStore(dataDir, async (store) => {
    const k = await (await offlineAccounts(store, keySource(dataDir))).addIngestKey(name);
    console.log(`ingest key for "${name}" (shown once):`);
    console.log(k);
    return 0;
  }, { existing: false });
}

async function audit(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'verify') throw new UsageError('expected "audit verify"');
  const f = flags(rest, { data: 'string' });
  return withStore(required(f, 'data'), async (store) => {
    // Both chains: the acknowledgement log (docs/protocol.md) and the security audit trail (1.1).
    const report = await verifyChain(store.acks);
    const security = await verifyAuditChain(store.audit);
    if (report.ok) console.log(`ok: ${report.entries} entries, head ${report.head}`);
    else console.log(`chain broken at seq ${report.firstBadSeq}: ${report.reason} (${report.entries} entries verified before it)`);
    if (security.ok) console.log(`security audit ok: ${security.entries} events, head ${security.head}`);
    else console.log(`security audit chain broken at event ${security.firstBadId}: ${security.reason} (${security.entries} events verified before it)`);
    return report.ok && security.ok ? 0 : 1;
  });
}

async function retention(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'run') throw new UsageError('expected "retention run"');
  const f = flags(rest, { data: 'string', 'as-of': 'string' });
  // --as-of runs the purge as if it were that time (to preview, or to test without waiting 90 days).
  const asOf = typeof f['as-of'] === 'string' ? new Date(f['as-of']) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new UsageError('--as-of must be an ISO 8601 time');
  const clock = asOf ? { now: () => asOf } : systemClock;
  return withStore(required(f, 'data'), async (store) => {
    const result = await new RetentionJob(store, clock, new SecurityLog(store.audit, clock)).run();
    console.log(`purged images of ${result.purged} alert(s) ingested before ${result.before}`);
    // One line per camera network, also when nothing was due: the operator sees every cut-off applied.
    for (const r of result.reads) console.log(`purged ${r.reads} read(s) of network ${r.network} (${r.images} with images) read before ${r.before}`);
    const days = result.days;
    if (days) {
      const which = days.dropped.length === 0 ? '' : ` (${days.dropped[0]}${days.dropped.length > 1 ? ` to ${days.dropped.at(-1)}` : ''})`;
      console.log(`dropped ${days.dropped.length} day partition(s) of reads${which}, their reads counted above; made ${days.made.length} for the days ahead`);
    }
    return 0;
  });
}

async function migrate(args: string[]): Promise<number> {
  const f = flags(args, { data: 'string' });
  let report: MigrationReport | undefined;
  // Opening the store applies what is missing, one transaction per migration (store/schema-version.ts).
  await withStore(required(f, 'data'), async () => 0, { existing: true, onMigrated: (r) => (report = r) });
  if (!report || report.applied.length === 0) console.log(`schema version ${report?.to ?? '?'}: up to date`);
  else console.log(`schema version ${report.from} -> ${report.to}: applied ${report.applied.map((m) => `${m.version} (${m.name})`).join(', ')}`);
  return 0;
}

async function backup(args: string[]): Promise<number> {
  const f = flags(args, { data: 'string', out: 'string' });
  return backupCommand(required(f, 'data'), required(f, 'out'));
}

async function restore(args: string[]): Promise<number> {
  const f = flags(args, { file: 'string', data: 'string' });
  return restoreCommand(required(f, 'file'), required(f, 'data'));
}

async function doctor(args: string[]): Promise<number> {
  const f = flags(args, { data: 'string', host: 'string', 'tls-cert': 'string', 'tls-key': 'string', 'insecure-http': 'boolean' });
  const dataDir = required(f, 'data');
  const certPath = f['tls-cert'];
  const keyPath = f['tls-key'];
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  await requireStore(dataDir, process.env.DATABASE_URL);
  const checks = await runDoctor({
    dataDir,
    host: typeof f.host === 'string' ? f.host : '127.0.0.1',
    ...(typeof certPath === 'string' && typeof keyPath === 'string' ? { tls: { certPath, keyPath } } : {}),
    insecureHttp: f['insecure-http'] === true,
    env: {
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
      ...(process.env.OPENTAS_HUB_SECRET ? { secret: process.env.OPENTAS_HUB_SECRET } : {}),
    },
  });
  for (const c of checks) console.log(`${c.verdict.padEnd(4)}  ${c.name}: ${c.detail}`);
  return checks.some((c) => c.verdict === 'FAIL') ? 1 : 0;
}

async function hotlist(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError('hotlist: the subcommand is "import"');
  const f = flags(rest, {
    data: 'string', file: 'string', source: 'string', id: 'string', map: 'string', name: 'string', domain: 'string',
    'downloaded-at': 'string', category: 'string', reason: 'string', 'skip-bad': 'boolean',
  });
  const optional = Object.fromEntries(['name', 'domain', 'category', 'reason', 'downloaded-at'].filter((k) => typeof f[k] === 'string').map((k) => [k === 'downloaded-at' ? 'downloadedAt' : k, f[k] as string]));
  const o = { file: required(f, 'file'), source: required(f, 'source'), id: required(f, 'id'), map: required(f, 'map'), skipBad: f['skip-bad'] === true, ...optional };
  try {
    return await withStore(required(f, 'data'), (store) => hotlistImport(store, o, systemClock, (line) => console.error(line)));
  } catch (err) {
    if (err instanceof ImportUsageError) throw new UsageError(err.message);
    throw err;
  }
}

function evidence(args: string[]): number {
  const [sub, file, ...more] = args;
  if (sub !== 'verify') throw new UsageError('evidence: the subcommand is "verify FILE"');
  if (!file || more.length > 0) throw new UsageError('evidence verify takes one FILE');
  return evidenceVerifyCommand(file);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': return await serve(rest);
      case 'user': return await user(rest);
      case 'key': return await key(rest);
      case 'audit': return await audit(rest);
      case 'retention': return await retention(rest);
      case 'migrate': return await migrate(rest);
      case 'backup': return await backup(rest);
      case 'restore': return await restore(rest);
      case 'doctor': return await doctor(rest);
      case 'evidence': return evidence(rest);
      case 'hotlist': return await hotlist(rest);
      case undefined:
        // No command is a bad argument: one line and status 2, like every other (docs/protocol.md).
        throw new UsageError('a command is required: serve, user, key, audit, retention, migrate, backup, restore, doctor, evidence or hotlist (--help for usage)');
      case '--help':
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof NoStoreError || err instanceof SchemaTooNewError || err instanceof BackupRefusal || err instanceof PostgresBackupRefusal || (err instanceof HubError && err.status < 500)) {
      console.error(`opentas-hub: ${err.message}`);
      return 2;
    }
    console.error(`opentas-hub: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly || process.env.OPENTAS_HUB_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
