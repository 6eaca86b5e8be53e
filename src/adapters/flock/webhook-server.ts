/**
 * The Flock adapter as a server: `POST /flock/alerts` takes Flock's LPR hotlist alert webhook,
 * checks its signature, maps it to a Hit, spools it durably and answers 202; the forwarder then
 * takes it to the hub. `GET /health` says how many hits wait in the spool. Refusals carry the hub's
 * error shape (`{error: {code, message}, issues?}`) and change nothing. How to run it, the
 * signature and the spool: docs/adapters.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Category } from '../../shared/protocol/index.js';
import { HubIngest } from '../hub-ingest.js';
import { DEFAULT_CATEGORY_MAP, mapFlockAlert } from './flock-alert.js';
import { fetchFlockImage } from './flock-image.js';
import { Forwarder } from './forwarder.js';
import { Spool } from './spool.js';
import { DEFAULT_SIGNATURE_HEADER, signatureHolds } from './webhook-signature.js';

export const WEBHOOK_PATH = '/flock/alerts';
/** Flock's alert is a few kilobytes (the image is a link): anything near this is not one. */
const MAX_BODY_BYTES = 256 * 1024;

export interface FlockAdapterOptions {
  hubUrl: string;
  ingestKey: string;
  secret: string;
  spoolDir: string;
  port: number;
  host?: string;
  signatureHeader?: string;
  categories?: Readonly<Record<string, Category>>;
  retry?: { firstMs: number; maxMs: number };
  /**
   * An alert on restricted custom lists only: `hold` (the default) keeps it in the spool's `held/` folder
   * and sends nothing; `forward` sends it like any other (an agency whose hub users are the lists' audience).
   */
  restricted?: 'hold' | 'forward';
  /** Fetch the vehicle image from Flock's signed link into the hit (default true). */
  fetchImages?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface RunningFlockAdapter {
  url: string;
  spool: Spool;
  forwarder: Forwarder;
  close(): Promise<void>;
}

export async function startFlockAdapter(o: FlockAdapterOptions): Promise<RunningFlockAdapter> {
  const log = o.log ?? ((line: string) => console.error(`[flock adapter] ${line}`));
  const header = (o.signatureHeader ?? DEFAULT_SIGNATURE_HEADER).toLowerCase();
  const spool = new Spool(o.spoolDir);
  const forwarder = new Forwarder({ spool, ingest: new HubIngest(o.hubUrl, o.ingestKey), log, ...(o.retry ? { retry: o.retry } : {}) });

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) answer(res, 500, { error: { code: 'internal', message: 'the adapter could not take the alert; nothing was stored' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://adapter').pathname;
    if (req.method === 'GET' && path === '/health') return answer(res, 200, { status: 'ok', spooled: spool.count() });
    if (path !== WEBHOOK_PATH) return answer(res, 404, { error: { code: 'not_found', message: `the webhook is POST ${WEBHOOK_PATH}` } });
    if (req.method !== 'POST') return answer(res, 405, { error: { code: 'method_not_allowed', message: `the webhook is POST ${WEBHOOK_PATH}` } });

    const body = await readBody(req);
    if (body === 'too_large') return answer(res, 413, { error: { code: 'too_large', message: `a Flock alert is at most ${MAX_BODY_BYTES} bytes` } });
    if (!signatureHolds(o.secret, body, req.headers[header])) {
      return answer(res, 401, { error: { code: 'unauthorized', message: `missing or wrong signature: header ${header} must be sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>` } });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: { code: 'invalid_json', message: 'the body is not JSON' } });
    }
    const mapped = mapFlockAlert(json, o.categories ?? DEFAULT_CATEGORY_MAP);
    if (!mapped.ok) {
      const first = mapped.issues[0]!;
      return answer(res, 400, { error: { code: 'invalid_alert', message: `${first.path}: ${first.message}` }, issues: mapped.issues });
    }
    let hit = mapped.hit;
    if (mapped.restrictedOnly && o.restricted !== 'forward') {
      // Flock is told it was taken (a retry would change nothing); the hub and its desks never see it.
      const why = `on restricted custom hot lists only (${mapped.restrictedOnly.join(', ')}): held, not sent to the hub (--restricted forward sends such alerts)`;
      spool.hold(hit, why);
      log(`alert ${hit.id} is ${why}`);
      return answer(res, 202, { id: hit.id, held: true });
    }
    if (o.fetchImages !== false) {
      const image = await fetchFlockImage(mapped.alert.imageUrl, mapped.alert.imageExpiration, (o.now ?? (() => new Date()))());
      if (image.ok) hit = { ...hit, images: { vehicle: image.dataUri } };
      else if (mapped.alert.imageUrl) log(`alert ${hit.id} goes without its image: ${image.why}`);
    }
    spool.put(hit);
    forwarder.kick();
    answer(res, 202, { id: mapped.hit.id });
  }

  function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) over = true;
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Hits left in the spool by an earlier run go first.
  forwarder.kick();
  return {
    url: `http://${host}:${address.port}`,
    spool,
    forwarder,
    close: async () => {
      forwarder.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
