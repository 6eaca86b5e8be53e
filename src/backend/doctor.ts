/**
 * `opentas-hub doctor --data DIR`: checks what operators get wrong before it bites at 3 a.m., one line
 * per check, `ok`, `warn` or `FAIL`: TLS off loopback, the data folder's file modes, the signing key
 * (present, and the one the store was set up with), the schema version, free disk, Postgres and Redis
 * reachable when configured, and the clock against the database's. It reads only: it never creates
 * a key, migrates, or changes a mode (that is what `serve` does).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KEY_CHECK, KEY_FILE, hubKeysFrom } from './auth/hub-keys.js';
import { latestVersion } from './store/schema-version.js';
import { dbPath } from './store/sqlite/index.js';
import { SQLITE_MIGRATIONS, sqliteSchemaVersion } from './store/sqlite/migrations.js';
import { PG_MIGRATIONS, pgSchemaVersion } from './store/postgres/migrations.js';

export type Verdict = 'ok' | 'warn' | 'FAIL';
export interface Check {
  verdict: Verdict;
  name: string;
  detail: string;
}

export interface DoctorInput {
  dataDir: string;
  host: string;
  tls?: { certPath: string; keyPath: string };
  insecureHttp: boolean;
  env: { databaseUrl?: string; redisUrl?: string; secret?: string };
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');
const GiB = 1024 ** 3;

function tlsCheck(o: DoctorInput): Check {
  if (o.tls) {
    try {
      const cert = new X509Certificate(readFileSync(o.tls.certPath));
      readFileSync(o.tls.keyPath);
      const days = Math.floor((Date.parse(cert.validTo) - Date.now()) / 86_400_000);
      if (days < 0)
        return { verdict: 'FAIL', name: 'tls', detail: `the certificate expired on ${cert.validTo}` };
      return {
        verdict: days < 21 ? 'warn' : 'ok',
        name: 'tls',
        detail: `HTTPS on ${o.host}; the certificate is valid for ${days} more days (${cert.subject.replace(/\n/g, ', ')})`,
      };
    } catch (err) {
      return {
        verdict: 'FAIL',
        name: 'tls',
        detail: `cannot read the certificate or key: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }
  if (isLoopback(o.host))
    return { verdict: 'ok', name: 'tls', detail: `plain HTTP on loopback only (${o.host})` };
  if (o.insecureHttp)
    return {
      verdict: 'warn',
      name: 'tls',
      detail: `plain HTTP on ${o.host} (--insecure-http): only behind a TLS proxy on this machine`,
    };
  return {
    verdict: 'FAIL',
    name: 'tls',
    detail: `plain HTTP on ${o.host}: serve refuses it; give --tls-cert/--tls-key, or --insecure-http behind a TLS proxy`,
  };
}

function modeCheck(dataDir: string): Check {
  const loose: string[] = [];
  const mode = (p: string): number => statSync(p).mode & 0o777;
  if ((mode(dataDir) & 0o077) !== 0) loose.push(`${dataDir} is ${mode(dataDir).toString(8)} (want 700)`);
  for (const f of [
    dbPath(dataDir),
    `${dbPath(dataDir)}-wal`,
    `${dbPath(dataDir)}-shm`,
    join(dataDir, KEY_FILE),
  ]) {
    if (existsSync(f) && (mode(f) & 0o077) !== 0) loose.push(`${f} is ${mode(f).toString(8)} (want 600)`);
  }
  if (loose.length > 0)
    return {
      verdict: 'FAIL',
      name: 'file modes',
      detail: `others can read criminal-justice information or the key: ${loose.join('; ')}`,
    };
  return { verdict: 'ok', name: 'file modes', detail: `${dataDir} 700, its files 600` };
}

function keyCheck(o: DoctorInput, recorded: string | undefined): Check {
  const keyFile = join(o.dataDir, KEY_FILE);
  if (!o.env.secret && !existsSync(keyFile)) {
    return recorded
      ? {
          verdict: 'FAIL',
          name: 'signing key',
          detail: `no ${keyFile} and no OPENTAS_HUB_SECRET, but the store was set up with a key: restore hub.key (serve would make a new one and refuse to start)`,
        }
      : {
          verdict: 'warn',
          name: 'signing key',
          detail: `no ${keyFile} yet; serve makes one (keep a copy with the backups)`,
        };
  }
  let check: string;
  try {
    check = hubKeysFrom(o.env.secret ? { secret: o.env.secret } : { dataDir: o.dataDir }).checkValue;
  } catch (err) {
    return { verdict: 'FAIL', name: 'signing key', detail: err instanceof Error ? err.message : String(err) };
  }
  const from = o.env.secret ? 'OPENTAS_HUB_SECRET' : keyFile;
  if (recorded === undefined)
    return {
      verdict: 'ok',
      name: 'signing key',
      detail: `${from} present; the store has not recorded a key yet`,
    };
  if (recorded !== check)
    return {
      verdict: 'FAIL',
      name: 'signing key',
      detail: `${from} is not the key this store was set up with: the hub will refuse to start`,
    };
  return {
    verdict: 'ok',
    name: 'signing key',
    detail: `${from} present and the one the store was set up with`,
  };
}

function schemaCheck(found: number, known: number): Check {
  if (found > known)
    return {
      verdict: 'FAIL',
      name: 'schema',
      detail: `version ${found}, newer than this hub knows (up to ${known}): run the newer hub`,
    };
  if (found < known)
    return {
      verdict: 'warn',
      name: 'schema',
      detail: `version ${found}; this hub migrates it to ${known} at start (or run opentas-hub migrate after a backup)`,
    };
  return { verdict: 'ok', name: 'schema', detail: `version ${found}, up to date` };
}

function diskCheck(dataDir: string): Check {
  const fs = statfsSync(dataDir);
  const free = fs.bavail * fs.bsize;
  const store = [dbPath(dataDir), `${dbPath(dataDir)}-wal`].reduce(
    (n, f) => n + (existsSync(f) ? statSync(f).size : 0),
    0,
  );
  const say = `${(free / GiB).toFixed(1)} GiB free where the store (${(store / 1024 ** 2).toFixed(1)} MiB) lives`;
  // A backup and a checkpoint each need room for another copy of the store.
  if (free < Math.max(0.5 * GiB, 2 * store))
    return { verdict: 'FAIL', name: 'disk', detail: `${say}: less than twice the store or 0.5 GiB` };
  if (free < 5 * GiB) return { verdict: 'warn', name: 'disk', detail: `${say}: under 5 GiB` };
  return { verdict: 'ok', name: 'disk', detail: say };
}

function skewCheck(skewMs: number, against: string): Check {
  const s = `${(skewMs / 1000).toFixed(2)} s against ${against}`;
  if (Math.abs(skewMs) > 5_000)
    return {
      verdict: 'FAIL',
      name: 'clock',
      detail: `${s}: log times and token expiry disagree between nodes; run NTP`,
    };
  if (Math.abs(skewMs) > 1_000)
    return { verdict: 'warn', name: 'clock', detail: `${s}: over a second; check NTP` };
  return { verdict: 'ok', name: 'clock', detail: s };
}

async function postgresChecks(url: string): Promise<{ checks: Check[]; recordedKey: string | undefined }> {
  // pg and redis are loaded when a check needs them, not with every hub command.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    return {
      checks: [
        {
          verdict: 'FAIL',
          name: 'postgres',
          detail: `unreachable (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
      recordedKey: undefined,
    };
  }
  try {
    const sent = Date.now();
    const { rows } = await client.query<{ now: Date; version: string }>(
      'SELECT now() AS now, current_setting($1) AS version',
      ['server_version'],
    );
    const back = Date.now();
    const skew = (sent + back) / 2 - rows[0]!.now.getTime();
    const recorded = await client
      .query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [KEY_CHECK])
      .catch(() => ({ rows: [] as { value: string }[] }));
    return {
      checks: [
        {
          verdict: 'ok',
          name: 'postgres',
          detail: `reachable, PostgreSQL ${rows[0]!.version} (${back - sent} ms round trip)`,
        },
        schemaCheck(await pgSchemaVersion(client), latestVersion(PG_MIGRATIONS)),
        skewCheck(skew, 'the database'),
      ],
      recordedKey: recorded.rows[0]?.value,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisCheck(url: string): Promise<Check> {
  const { createClient } = await import('redis');
  const client = createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    return { verdict: 'ok', name: 'redis', detail: `reachable (${pong})` };
  } catch (err) {
    return {
      verdict: 'FAIL',
      name: 'redis',
      detail: `unreachable (REDIS_URL): ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    await client.quit().catch(() => undefined);
  }
}

function sqliteFacts(dataDir: string): { schema: Check; recordedKey: string | undefined } {
  const db = new Database(dbPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    const found = sqliteSchemaVersion(db);
    const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(KEY_CHECK) as
      { value: string } | undefined;
    return { schema: schemaCheck(found, latestVersion(SQLITE_MIGRATIONS)), recordedKey: row?.value };
  } finally {
    db.close();
  }
}

/** Runs every check; the caller has made sure the store exists (requireStore). */
export async function runDoctor(o: DoctorInput): Promise<Check[]> {
  const checks: Check[] = [tlsCheck(o)];
  if (existsSync(o.dataDir)) checks.push(modeCheck(o.dataDir));
  let recordedKey: string | undefined;
  if (o.env.databaseUrl) {
    const pgResult = await postgresChecks(o.env.databaseUrl);
    checks.push(...pgResult.checks);
    recordedKey = pgResult.recordedKey;
  } else {
    const facts = sqliteFacts(o.dataDir);
    checks.push(facts.schema, {
      verdict: 'ok',
      name: 'clock',
      detail: "no database server to compare with (SQLite): the hub keeps this machine's time",
    });
    recordedKey = facts.recordedKey;
  }
  checks.push(keyCheck(o, recordedKey));
  if (existsSync(o.dataDir)) checks.push(diskCheck(o.dataDir));
  if (o.env.redisUrl) checks.push(await redisCheck(o.env.redisUrl));
  return checks;
}
