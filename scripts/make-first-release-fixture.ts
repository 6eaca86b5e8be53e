/**
 * `node --import tsx scripts/make-first-release-fixture.ts --hub-root DIR --out DIR [--postgres]`
 *
 * Writes the data a hub from before versioned migrations leaves behind, for the upgrade tests
 * (test/integration/hub-migrations.test.ts). It drives the OLD hub program found at --hub-root (a
 * `git worktree` of the commit before the first migration, node_modules linked) only through its
 * command line, HTTP API and socket, as an agency would have used it: users (one with TOTP), an
 * ingest key, zones edited once, a policy change, hits received by two desks, acknowledgements up
 * to action taken and closed, a refused step and a failed sign-in. It then records what that hub
 * answered (alerts, receipts, log entries with hashes, zones, users, policy, `audit verify`) in
 * expected.json, which today's hub must answer alike.
 *
 * SQLite: `--out` gets `hub.sqlite` and `hub.key`. `--postgres`: a throwaway PostgreSQL cluster on
 * loopback holds the store and `--out` gets `postgres.sql` (pg_dump, plain SQL) instead.
 * Run once; the output is committed under test/fixtures/first-release/ (see the README there).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { authenticator } from 'otplib';
import { io } from 'socket.io-client';
import { PostgresCluster, scaleOutServices } from '../test/support/services.js';

const { values } = parseArgs({
  options: { 'hub-root': { type: 'string' }, out: { type: 'string' }, postgres: { type: 'boolean' } },
});
if (!values['hub-root'] || !values.out) {
  console.error('usage: make-first-release-fixture.ts --hub-root DIR --out DIR [--postgres]');
  process.exit(2);
}
const hubRoot = resolve(values['hub-root']);
const out = resolve(values.out);
if (existsSync(out)) {
  console.error(`make-first-release-fixture: ${out} exists; write into a new folder`);
  process.exit(2);
}
const PASSWORD = 'Fixture-Horse-2026';
/** The key secret of the Postgres fixture's nodes (OPENTAS_HUB_SECRET); the SQLite one keeps hub.key. */
export const FIXTURE_SECRET = 'opentas-first-release-fixture-secret-0123456789';

const work = mkdtempSync(join(tmpdir(), 'opentas-first-release-'));
const dataDir = values.postgres ? join(work, 'node') : out;
mkdirSync(dataDir, { recursive: true });
let cluster: PostgresCluster | undefined;
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', REDIS_URL: '' };
if (values.postgres) {
  cluster = await PostgresCluster.start(scaleOutServices(true).pgBin!);
  env.DATABASE_URL = await cluster.createDatabase('first_release');
  env.OPENTAS_HUB_SECRET = FIXTURE_SECRET;
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, [join(hubRoot, 'bin/opentas-hub.js'), ...args], {
    cwd: hubRoot,
    env,
    encoding: 'utf8',
  });
}
const lastLine = (s: string): string => s.trim().split('\n').at(-1) ?? '';

async function serve(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(hubRoot, 'bin/opentas-hub.js'), 'serve', '--port', '0', '--data', dataDir],
    { cwd: hubRoot, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening on (\S+)$/.exec(line);
      if (m?.[1]) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`old hub exited ${code}`)));
  });
  return { url, child };
}

async function api(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a throwaway script reading answers of an older hub
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const users = [
  ['tpr1', 'trooper', 'Troop 3'],
  ['tpr2', 'trooper', 'Troop 3'],
  ['disp1', 'dispatcher', 'Troop 3'],
  ['sup1', 'supervisor', 'Troop 3'],
  ['admin1', 'admin', 'ISP IT'],
] as const;
for (const [username, role, unit] of users) {
  cli([
    'user',
    'add',
    '--data',
    dataDir,
    '--username',
    username,
    '--password',
    PASSWORD,
    '--roles',
    role,
    '--unit',
    unit,
    '--display-name',
    `Fixture ${username}`,
  ]);
}
const totpSecret = lastLine(
  cli([
    'user',
    'add',
    '--data',
    dataDir,
    '--username',
    'tpr3',
    '--password',
    PASSWORD,
    '--roles',
    'trooper',
    '--unit',
    'Troop 5',
    '--totp',
  ]),
);
const ingestKey = lastLine(cli(['key', 'add', '--data', dataDir, '--name', 'vendor-adapter']));

const hub = await serve();
const sign = async (username: string, otp?: string): Promise<string> => {
  const res = await api(hub.url, 'POST', '/session', undefined, {
    username,
    password: PASSWORD,
    ...(otp ? { otp } : {}),
  });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
};
const tokens: Record<string, string> = {};
for (const [username] of users) tokens[username] = await sign(username);
tokens.tpr3 = await sign('tpr3', authenticator.generate(totpSecret));
await api(hub.url, 'POST', '/session', undefined, { username: 'tpr2', password: 'not-the-password' });

const chicago = {
  type: 'Polygon',
  coordinates: [
    [
      [-87.7, 41.78],
      [-87.58, 41.78],
      [-87.58, 41.88],
      [-87.7, 41.88],
      [-87.7, 41.78],
    ],
  ],
};
const zone = (id: string, name: string, geometry: unknown, users: string[]) => ({
  id,
  name,
  geometry,
  assignees: { users, units: [] },
  active: true,
});
const put = async (path: string, body: unknown, token = tokens.disp1!): Promise<void> => {
  const res = await api(hub.url, 'PUT', path, token, body);
  if (res.status >= 300) throw new Error(`PUT ${path}: ${res.status} ${JSON.stringify(res.body)}`);
};
const ids = (await api(hub.url, 'GET', '/users', tokens.admin1)).body.items as {
  id: string;
  username: string;
}[];
const idOf = (u: string): string => ids.find((x) => x.username === u)!.id;
await put('/zones/z-south-side', zone('z-south-side', 'South Side', chicago, [idOf('tpr1')]));
await put(
  '/zones/z-south-side',
  zone('z-south-side', 'South Side (I-94 corridor)', chicago, [idOf('tpr1'), idOf('tpr2')]),
);
await put(
  '/zones/z-springfield',
  zone(
    'z-springfield',
    'Springfield',
    {
      type: 'Polygon',
      coordinates: [
        [
          [-89.7, 39.7],
          [-89.5, 39.7],
          [-89.5, 39.9],
          [-89.7, 39.9],
          [-89.7, 39.7],
        ],
      ],
    },
    [idOf('tpr3')],
  ),
);
const policy = (await api(hub.url, 'GET', '/policy', tokens.admin1)).body;
await put(
  '/policy',
  { ...policy, idleLockMinutes: 15, retentionDaysByNetwork: { flock: 30 } },
  tokens.admin1,
);

// Two desks in the South Side zone answer receipts, as the desktop client does.
const desks = ['tpr1', 'tpr2'].map((u) => {
  const socket = io(`${hub.url}/alerts`, {
    transports: ['websocket'],
    auth: { token: tokens[u], clientId: `desk-${u}` },
    reconnection: false,
    forceNew: true,
  });
  const received: string[] = [];
  socket.on('alert', (a: { alert: { id: string } }, cb?: (x: unknown) => void) => {
    received.push(a.alert.id);
    cb?.({ received: true });
  });
  return { u, socket, received };
});
await Promise.all(desks.map((d) => new Promise((ok) => d.socket.once('hello', ok))));
const plates = ['FIX1001', 'FIX1002', 'FIX1003', 'FIX1004', 'FIX1005'];
const categories = ['stolen', 'felony', 'amber', 'stolen', 'silver'];
for (const [i, plate] of plates.entries()) {
  const hit = {
    id: `first-release-${i + 1}`,
    plate,
    plateState: 'IL',
    readAt: `2026-11-29T0${i}:15:00.000Z`,
    location: { lat: 41.8309 + i * 0.001, lon: -87.6307 },
    heading: 90,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    category: categories[i],
    hotlist: { source: 'NCIC', plate, state: 'IL', reason: 'Fixture entry', entryId: `V00000${i}` },
    confidence: 0.9,
    vehicle: { make: 'Ford', model: 'Taurus', color: 'Black' },
  };
  const res = await api(hub.url, 'POST', '/hits', ingestKey, hit);
  if (res.status !== 202) throw new Error(`hit ${plate}: ${res.status}`);
}
const deadline = Date.now() + 60_000;
while (desks.some((d) => d.received.length < plates.length)) {
  if (Date.now() > deadline) throw new Error('desks did not receive every alert');
  await new Promise((r) => setTimeout(r, 20));
}
const verified = {
  system: 'LEADS',
  result: 'confirmed',
  queryReference: 'L-2026-1',
  plateMatchesImage: true,
  stateMatches: true,
};
const steps: [string, string, string, Record<string, unknown>][] = [
  ['tpr1', 'first-release-1', 'acknowledged', {}],
  ['tpr1', 'first-release-1', 'verified', { verification: verified }],
  ['tpr1', 'first-release-1', 'action_taken', { action: { kind: 'stop', caseNumber: 'ISP-26-0001' } }],
  ['tpr2', 'first-release-2', 'action_taken', { action: { kind: 'stop', caseNumber: 'ISP-26-0002' } }], // refused: not verified
  ['tpr2', 'first-release-2', 'acknowledged', {}],
  ['tpr2', 'first-release-2', 'verified', { verification: { ...verified, result: 'not_confirmed' } }],
  ['tpr2', 'first-release-2', 'closed', { close: { reason: 'not_confirmed' } }],
  ['tpr1', 'first-release-3', 'acknowledged', {}],
];
for (const [u, alertId, type, extra] of steps) {
  const desk = desks.find((d) => d.u === u)!;
  await desk.socket
    .timeout(30_000)
    .emitWithAck('ack', { eventId: randomUUID(), alertId, type, at: new Date().toISOString(), ...extra });
}
for (const d of desks) d.socket.close();

const alerts = (await api(hub.url, 'GET', '/alerts?limit=100', tokens.sup1)).body.items as { id: string }[];
const expected = {
  madeBy: 'scripts/make-first-release-fixture.ts',
  password: PASSWORD,
  totp: { username: 'tpr3', secret: totpSecret },
  alerts,
  receipts: Object.fromEntries(
    await Promise.all(
      alerts.map(async (a) => [
        a.id,
        (await api(hub.url, 'GET', `/alerts/${a.id}`, tokens.sup1)).body.receipts,
      ]),
    ),
  ),
  acks: (await api(hub.url, 'GET', '/acks?limit=1000', tokens.sup1)).body.items,
  zones: (await api(hub.url, 'GET', '/zones', tokens.disp1)).body,
  users: (await api(hub.url, 'GET', '/users', tokens.admin1)).body.items,
  policy: (await api(hub.url, 'GET', '/policy', tokens.admin1)).body,
  auditVerify: '',
};
hub.child.kill('SIGTERM');
await new Promise((ok) => hub.child.once('exit', ok));
expected.auditVerify = cli(['audit', 'verify', '--data', dataDir]).trim();
if (values.postgres) {
  mkdirSync(out, { recursive: true });
  const pgDump = join(scaleOutServices(true).pgBin!, 'pg_dump');
  writeFileSync(
    join(out, 'postgres.sql'),
    execFileSync(pgDump, ['--no-owner', '--no-privileges', env.DATABASE_URL!], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  );
  await cluster?.stop();
}
writeFileSync(join(out, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(
  `wrote ${out}: ${alerts.length} alerts, ${expected.acks.length} log entries; ${expected.auditVerify.split('\n')[0]}`,
);
