/** `opentas-hub serve`: the flags (TLS, banner, simulators) turned into `startHub` options; runs until a signal. */
import { readFileSync } from 'node:fs';
import { type Flags, UsageError, flags, integer, required } from './cli-args.js';
import { startHub } from './server.js';

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host.startsWith('127.');

function readTls(f: Flags): { key: Buffer; cert: Buffer } | undefined {
  const certPath = f['tls-cert'];
  const keyPath = f['tls-key'];
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (typeof certPath !== 'string' || typeof keyPath !== 'string') throw new UsageError('--tls-cert and --tls-key go together');
  try {
    return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  } catch {
    throw new UsageError('cannot read --tls-cert or --tls-key');
  }
}

export async function serve(args: string[]): Promise<number> {
  const f = flags(args, {
    port: 'string', data: 'string', host: 'string', demo: 'boolean', simulate: 'string', 'simulate-reads': 'string', 'banner-file': 'string',
    'tls-cert': 'string', 'tls-key': 'string', 'insecure-http': 'boolean',
  });
  const port = integer(required(f, 'port'), 'port', 0, 65535);
  const dataDir = required(f, 'data');
  // The agency's own login banner (its counsel's wording) instead of the default text.
  let banner: string | undefined;
  if (typeof f['banner-file'] === 'string') {
    try {
      banner = readFileSync(f['banner-file'], 'utf8').trim();
    } catch {
      throw new UsageError(`cannot read --banner-file ${f['banner-file']}`);
    }
    if (!banner) throw new UsageError('--banner-file is empty');
  }
  const simulate = typeof f.simulate === 'string' ? integer(f.simulate, 'simulate', 1, 600_000) : undefined;
  // Reads (not hits) a minute for the hub's own matcher, against a simulated hot list it loads first.
  const simulateReads = typeof f['simulate-reads'] === 'string' ? integer(f['simulate-reads'], 'simulate-reads', 1, 600_000) : undefined;
  const host = typeof f.host === 'string' ? f.host : '127.0.0.1';
  const tls = readTls(f);
  if (!tls && !isLoopback(host)) {
    // Tokens and criminal-justice information would cross the network in clear text (CJIS SC-8).
    // Behind a TLS proxy on another machine an operator says so explicitly with --insecure-http.
    if (f['insecure-http'] !== true) {
      throw new UsageError(`refusing plain HTTP on ${host}: give --tls-cert/--tls-key, or --insecure-http when a TLS proxy is in front`);
    }
    console.error(`opentas-hub: warning: serving plain HTTP on ${host} (--insecure-http); only behind a TLS proxy`);
  }
  // Read from the environment, not a flag: a flag is visible to every local user in the process list.
  const metricsToken = process.env.OPENTAS_METRICS_TOKEN;
  if (metricsToken !== undefined && metricsToken.length < 16) throw new UsageError('OPENTAS_METRICS_TOKEN must be at least 16 characters');
  const hub = await startHub({
    ...(tls ? { tls } : {}),
    ...(metricsToken ? { metrics: { token: metricsToken } } : {}),
    ...(process.env.OPENTAS_HUB_SECRET ? { secret: process.env.OPENTAS_HUB_SECRET } : {}),
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    port,
    dataDir,
    host,
    demo: f.demo === true,
    ...(simulate ? { simulatePerMinute: simulate } : {}),
    ...(simulateReads ? { simulateReadsPerMinute: simulateReads } : {}),
    ...(banner ? { banner } : {}),
    print: (line) => console.log(line),
  });
  console.log(`listening on ${hub.url}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Graceful stop within a bound (acks in flight get up to 10 s inside close); past it, exit anyway:
  // whatever was answered is stored, and desks resend what was not.
  let bound: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([hub.close().then(() => true), new Promise<boolean>((resolve) => (bound = setTimeout(() => resolve(false), 20_000)))]);
  clearTimeout(bound);
  if (!stopped) {
    console.error('opentas-hub: did not stop within 20 s; exiting');
    return 1;
  }
  return 0;
}

