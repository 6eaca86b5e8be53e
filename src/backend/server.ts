/**
 * The hub's composition root and programmatic API: `startHub()` builds the store, services, HTTP
 * API and Socket.IO stream on one port. The CLI (`opentas-hub serve`), the browser host and the
 * tests all start the hub through here.
 */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { Server as SocketServer } from 'socket.io';
import type { Hit } from '../shared/protocol/index.js';
import { AckDesk } from './acks/ack-desk.js';
import { AlertFeed } from './alerts/alert-feed.js';
import { Audience } from './alerts/audience.js';
import { HitIngest } from './alerts/hit-ingest.js';
import { TroopDesk, TroopWatch } from './alerts/troop.js';
import { SecurityLog } from './audit/security-log.js';
import { AccessTokens } from './auth/access-tokens.js';
import { Accounts, type CreatedAccount, type NewAccount } from './auth/accounts.js';
import { Authenticator } from './auth/authenticator.js';
import { loadHubKeys } from './auth/hub-keys.js';
import { LoginFailures } from './auth/login-failures.js';
import { OwnAccount } from './auth/own-account.js';
import { SessionDesk } from './auth/session-desk.js';
import { SessionEnds } from './auth/session-ends.js';
import { type Clock, systemClock } from './clock.js';
import type { HubContext } from './context.js';
import { ensureDemo } from './demo.js';
import { HubEvents } from './hub-events.js';
import { type RegisteredRoute, type TlsFiles, buildHttp } from './http/app.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/rate-limits.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { type HubMetrics, noHubMetrics } from './metrics/hub-metrics.js';
import { PrometheusHubMetrics } from './metrics/prometheus-metrics.js';
import { type RetentionReport, RetentionJob } from './retention/retention-job.js';
import { PolicyDesk } from './routing/policy-desk.js';
import { ZoneDesk } from './routing/zone-desk.js';
import { EscalationWatch } from './review/escalation-watch.js';
import { ReadSimulator } from './simulator/read-simulator.js';
import { Simulator } from './simulator/simulator.js';
import type { HubStore, IngestResult } from './store/port.js';
import { listAges, StaleListWatch } from './matcher/stale-lists.js';
import type { EscalationRecord } from './store/review-port.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { openPostgresStore } from './store/postgres/index.js';
import { alertParser } from './stream/alert-encoding.js';
import { attachScaleOut, prepareScaleOut, type ScaleOutOptions } from './stream/scale-out/index.js';
import { AckDrain } from './stream/ack-drain.js';
import { AlertStream } from './stream/alert-stream.js';
import { SessionWatch } from './stream/session-watch.js';
import { DEFAULT_LOGIN_BANNER } from '../shared/login-banner.js';

/** The protocol version (docs/protocol.md) this hub implements, as `GET /health` reports it. */
export const HUB_VERSION = '1.1';

export interface HubOptions {
  port?: number;
  host?: string;
  /** Directory of the SQLite database; omitted = an in-memory database that dies with the hub. */
  dataDir?: string;
  /** Use this store instead of SQLite (a Postgres or in-memory store). */
  store?: HubStore;
  demo?: boolean;
  /** Simulated hits per minute (posted through the real ingest API with a demo key). */
  simulatePerMinute?: number;
  /** Reads per minute for the hub's own matcher (the simulator's reads mode), after a simulated hot list is loaded. */
  simulateReadsPerMinute?: number;
  clock?: Clock;
  banner?: string;
  /** Where human-readable lines go (demo accounts, simulator notes); defaults to nowhere. */
  print?: (line: string) => void;
  /** How often the detection-image purge runs (default hourly; 0 = only when asked). */
  retentionEveryMs?: number;
  /** How often unverified alerts are checked for escalation (default 5 s; 0 = only when asked). */
  escalationEveryMs?: number;
  /** How often the hot lists are checked for turning stale (default a minute; 0 = never). */
  staleListEveryMs?: number;
  /** Where warnings go (a hot list turned stale); defaults to stderr. */
  warn?: (line: string) => void;
  onError?: (err: unknown) => void;
  /** Serve HTTPS and WSS with this key and certificate (PEM). */
  tls?: TlsFiles;
  /** Postgres shared by several hub nodes (the CLI takes it from DATABASE_URL); SQLite when unset. */
  databaseUrl?: string;
  /** Redis for the Socket.IO adapter between hub nodes (the CLI takes it from REDIS_URL). */
  redisUrl?: string;
  /** Tuning of the scale-out mode (on when databaseUrl or redisUrl is set). */
  scaleOut?: Omit<ScaleOutOptions, 'redisUrl'>;
  /**
   * Operator-supplied secret (32+ characters) the signing and sealing keys derive from; the CLI
   * takes it from OPENTAS_HUB_SECRET. Without it the key file `hub.key` in `dataDir` is used.
   */
  secret?: string;
  /** Rate limits of the sign-in, password and TOTP routes (defaults: DEFAULT_RATE_LIMITS, documented there). */
  rateLimits?: Partial<RateLimits>;
  /** At close, how long acknowledgements in flight may take to be recorded and answered (default 10 s). */
  stopGraceMs?: number;
  /**
   * Serve Prometheus metrics at `GET /metrics` to callers presenting this bearer token (16+
   * characters; the CLI takes it from OPENTAS_METRICS_TOKEN). Off (404) when absent. `node` names
   * this node in the `node` label (default host:port).
   */
  metrics?: { token: string; node?: string };
  /** Told every HTTP route as it is registered (test/integration/hub-openapi.test.ts checks each is described). */
  onRoute?: (route: RegisteredRoute) => void;
}

/** A database that does not answer within this long is reported down rather than hanging the scrape. */
const DATABASE_PROBE_MS = 2_000;

async function databaseAnswers(store: HubStore): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_PROBE_MS)));
  try {
    return await Promise.race([store.alerts.headSeq().then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HubAdmin {
  addUser(a: NewAccount): Promise<CreatedAccount>;
  addIngestKey(name: string): Promise<string>;
  unlockUser(username: string): Promise<void>;
}

export interface RunningHub {
  url: string;
  port: number;
  host: string;
  admin: HubAdmin;
  store: HubStore;
  /** Ingest a hit in-process (same path as POST /hits, without HTTP). */
  ingest(hit: Hit): Promise<IngestResult>;
  /** Runs the detection-image purge now (it also runs on a schedule). */
  runRetention(): Promise<RetentionReport>;
  /** Escalates now what is due (it also runs on a schedule); answers the new escalations. */
  runEscalation(): Promise<EscalationRecord[]>;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  if (options.metrics && options.metrics.token.length < 16) throw new Error('the metrics token must be at least 16 characters');
  const clock = options.clock ?? systemClock;
  const print = options.print ?? (() => {});
  const onError = options.onError ?? ((err: unknown) => console.error('[hub]', err));
  const store = options.store ?? (options.databaseUrl ? await openPostgresStore(options.databaseUrl, { onError }) : openSqliteStore(options.dataDir));
  const scaled = options.databaseUrl !== undefined || options.redisUrl !== undefined;
  const scaleOutOptions: ScaleOutOptions = { ...options.scaleOut, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) };
  const keys = await loadHubKeys({ ...(options.secret !== undefined ? { secret: options.secret } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) }, store.secrets)
    .catch(async (err: unknown) => {
      await store.close();
      throw err;
    });
  const tokens = new AccessTokens(keys.signing, clock);
  const securityLog = new SecurityLog(store.audit, clock);
  const sessionEnds = new SessionEnds(store.sessions, clock);
  const accounts = new Accounts(store, securityLog, clock, keys, sessionEnds);
  const authenticator = new Authenticator(tokens, store, sessionEnds, clock);
  await accounts.sealClearSecrets();
  // The gauges read the stream, the Redis link and the port at scrape time, which is after listen().
  const prometheus = options.metrics
    ? new PrometheusHubMetrics({
        node: () => options.metrics?.node ?? `${hostname()}:${port}`,
        connectedDesks: () => stream.clients,
        databaseUp: () => databaseAnswers(store),
        hotlists: () => listAges(store, clock.now()),
        ...(options.redisUrl ? { redisUp: () => scaleOut?.redisUp ?? false } : {}),
      })
    : undefined;
  const metrics: HubMetrics = prometheus ?? noHubMetrics;
  const failures = new LoginFailures(store.users, securityLog, clock, metrics);
  const feed = new AlertFeed(store.alerts);
  const audience = new Audience(store, (message) => onError(new Error(message)));
  // Created first and injected: the services say what changed, the stream (attached below) listens.
  const events = new HubEvents();
  const ctx: HubContext = {
    version: HUB_VERSION,
    banner: options.banner ?? DEFAULT_LOGIN_BANNER,
    store,
    clock,
    tokens,
    authenticator,
    sessions: new SessionDesk(store, tokens, keys, sessionEnds, failures, securityLog, clock),
    ownAccount: new OwnAccount(store, keys, sessionEnds, failures, securityLog, clock),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    sessionEnds,
    keys,
    accounts,
    securityLog,
    feed,
    audience,
    events,
    zoneDesk: new ZoneDesk(store, securityLog, audience, events, clock),
    policyDesk: new PolicyDesk(store, securityLog, audience, events),
    connectedDesks: () => stream.clients,
    ingest: new HitIngest(store.alerts, feed, clock, metrics),
  };

  const app = buildHttp(ctx, { error: (o, msg) => onError(Object.assign(new Error(msg), { cause: o })) }, options.tls, options.onRoute);
  if (prometheus && options.metrics) metricsRoutes(app, { token: options.metrics.token, exposition: () => prometheus.exposition() });
  const io = new SocketServer(app.server, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 1e6, parser: alertParser });
  if (scaled) prepareScaleOut(io, store, clock, scaleOutOptions);
  // The stream hands `ack` events to the AckDesk, and the AckDesk pushes each entry back through the
  // stream: the closure (called only once desks connect, after both exist) ties the two.
  const stream = new AlertStream(io, store, tokens, authenticator, feed, audience, clock, onError, metrics, (principal, clientId, event) =>
    answerAck(principal, clientId, event),
  );
  events.on('zonesChanged', (concerns) => stream.pushZones(concerns));
  events.on('policyChanged', (policy) => stream.pushPolicy(policy));
  events.on('userChanged', (user) => stream.updateUser(user));
  sessionEnds.subscribe((sessionId, reason) => stream.endSession(sessionId, reason));
  const watch = new SessionWatch(stream, store, sessionEnds, clock, onError);
  watch.start();
  // Each new entry also reaches the Troop view of the dispatchers and supervisors it concerns.
  const troopWatch = new TroopWatch(new TroopDesk(store), (userIds, payload) => stream.nsp.to(userIds.map((id) => `user:${id}`)).emit('troop', payload), onError);
  const ackDesk = new AckDesk(store, audience, securityLog, clock, {
    onlineUserIds: () => stream.onlineUserIds(),
    pushAck: (entry, userIds) => {
      stream.pushAck(entry, userIds);
      troopWatch.entry(entry);
    },
  }, metrics);
  const ackDrain = new AckDrain();
  const answerAck = ackDrain.wrap((principal, clientId, event) => ackDesk.handle(principal, clientId, event));
  const scaleOut = scaled ? await attachScaleOut({ io, store, feed, audience, stream, sessions: sessionEnds, onError }, scaleOutOptions) : undefined;

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const retention = new RetentionJob(store, clock, securityLog, feed);
  if (options.retentionEveryMs !== 0) retention.schedule(onError, options.retentionEveryMs);
  const escalation = new EscalationWatch(store, clock, {
    pushEscalation: (e, userIds) => {
      const rooms = [...new Set(userIds)].map((id) => `user:${id}`);
      if (rooms.length > 0) stream.nsp.to(rooms).emit('escalation', e);
    },
  });
  if (options.escalationEveryMs !== 0) escalation.schedule(onError, options.escalationEveryMs);
  const staleLists = new StaleListWatch(store, clock, options.warn ?? ((line) => console.warn(line)));
  if (options.staleListEveryMs !== 0) staleLists.schedule(onError, options.staleListEveryMs);

  let simulator: Simulator | undefined;
  if (options.demo) await ensureDemo(ctx.accounts, store, print);
  if (options.simulatePerMinute && options.simulatePerMinute > 0) {
    const key = await ctx.accounts.simulatorKey();
    simulator = new Simulator({ url, key, perMinute: options.simulatePerMinute, clock, onError });
    simulator.start();
  }
  let readSimulator: ReadSimulator | undefined;
  if (options.simulateReadsPerMinute && options.simulateReadsPerMinute > 0) {
    readSimulator = new ReadSimulator({ url, key: await ctx.accounts.simulatorKey(), perMinute: options.simulateReadsPerMinute, clock, onError });
    void readSimulator.start();
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    store,
    admin: {
      addUser: (a) => ctx.accounts.addUser(a, 'api'),
      addIngestKey: (name) => ctx.accounts.addIngestKey(name, 'api'),
      unlockUser: (username) => ctx.accounts.unlock(username, 'api'),
    },
    ingest: (hit) => ctx.ingest.ingest(hit),
    runRetention: () => retention.run(),
    runEscalation: () => escalation.run(),
    close() {
      closing ??= (async () => {
        simulator?.stop();
        readSimulator?.stop();
        retention.stop();
        escalation.stop();
        staleLists.stop();
        watch.stop();
        // Graceful stop: finish and answer the acks in flight, then disconnect the desks (they
        // reconnect, to another node if there is one), then close the store (ack-drain.ts).
        const unfinished = await ackDrain.drain(options.stopGraceMs ?? 10_000);
        if (unfinished > 0) onError(new Error(`stopping with ${unfinished} acknowledgement(s) still being recorded`));
        await troopWatch.settled();
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        await app.close().catch(() => undefined);
        await scaleOut?.close();
        await store.close();
      })();
      return closing;
    },
  };
}
