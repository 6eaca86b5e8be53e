/**
 * Hot lists (docs/protocol.md 1.1): `PUT /hotlists/:id` replaces a list whole (an ingest key or an
 * admin; up to 1,000,000 entries, gzip body allowed) and `GET /hotlists` lists them with their
 * freshness. The caller is checked before the body is read, so nobody without a key or an admin
 * session can make the hub read 256 MiB.
 */
import { createGunzip } from 'node:zlib';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { HotlistId, type HotlistSummary } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { HubError } from '../../errors.js';
import type { Matching } from '../../matcher/matching.js';
import { receiveList } from '../../matcher/hotlist-reader.js';
import { notJsonError } from '../../matcher/hotlist-upload.js';
import { bearer, requireAccount, requireIngestKey, requireUser } from '../guard.js';
import { parseBody } from '../parse.js';
import { ingestKeyHash } from '../../auth/accounts.js';

/** 1,000,000 entries of the longest plausible rows (~200 bytes of JSON each), uncompressed. */
export const HOTLIST_BODY_LIMIT = 256 * 1024 * 1024;

/** An ingest key (the list downloader's adapter) or an admin; answers who, for the audit trail. */
async function requireListWriter(ctx: HubContext, req: FastifyRequest): Promise<{ userId: string | null; username: string | null }> {
  const token = bearer(req);
  if (token && (await ctx.store.keys.byHash(ingestKeyHash(token)))) {
    const key = await requireIngestKey(ctx, req);
    return { userId: null, username: `key:${key.name}` };
  }
  const me = await requireUser(ctx, req, ['admin']);
  return { userId: me.userId, username: me.username };
}

/** This route's own answers for a body fastify could not read (the app's say 2 MiB and `bad_json`). */
function bodyError(err: FastifyError): Error {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
    return new HubError(413, 'too_large', 'the list is larger than 256 MiB (uncompressed)');
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.code ?? '').startsWith('Z_')) {
    return notJsonError();
  }
  return err;
}

export function hotlistRoutes(app: FastifyInstance, ctx: HubContext, matching: Matching): void {
  // The PUT in a scope of its own whose JSON parser keeps the bytes: parsing 92 MiB of JSON stops the
  // event loop for seconds, so it is done on a worker thread (matcher/hotlist-reader.ts, docs/adr/0021).
  void app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, parsed) => parsed(null, body));
    putRoute(scope, ctx, matching);
    done();
  });
  listRoute(app, ctx, matching);
}

function putRoute(app: FastifyInstance, ctx: HubContext, matching: Matching): void {
  app.put<{ Params: { id: string } }>(
    '/hotlists/:id',
    {
      bodyLimit: HOTLIST_BODY_LIMIT,
      onRequest: async (req) => {
        (req as FastifyRequest & { writer?: unknown }).writer = await requireListWriter(ctx, req);
      },
      preParsing: async (req, _reply, payload) => {
        const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
        if (encoding === 'identity') return payload;
        if (encoding !== 'gzip') throw new HubError(415, 'unsupported_media_type', 'send the list as JSON, plain or gzip');
        const gunzip = createGunzip();
        // fastify compares the bytes received with content-length, and the inflated size with the limit.
        const inflating = Object.assign(gunzip, { receivedEncodedLength: 0 });
        payload.on('data', (chunk: Buffer) => (inflating.receivedEncodedLength += chunk.length));
        payload.on('error', (err) => gunzip.destroy(err));
        return payload.pipe(inflating);
      },
      errorHandler: (err, _req, reply) => {
        // Handled by the app's error handler, with this route's own codes for a body it could not read.
        throw bodyError(err as FastifyError);
        void reply;
      },
    },
    async (req) => {
      const writer = (req as FastifyRequest & { writer?: { userId: string | null; username: string | null } }).writer!;
      const id = parseBody(HotlistId, req.params.id, 'invalid_hotlist', 'the list id');
      const list = await receiveList(req.body as Buffer);
      const record = await matching.book.replace(id, list);
      await ctx.securityLog.record('hotlist_put', 'success', { ...writer, source: req.ip }, { id, source: record.source, entries: record.entries, version: record.version });
      return { id: record.id, entries: record.entries };
    },
  );
}

function listRoute(app: FastifyInstance, ctx: HubContext, matching: Matching): void {
  app.get('/hotlists', async (req) => {
    const { principal, user } = await requireAccount(ctx, req);
    const { hotlistStaleHours } = await ctx.store.policy.get();
    const staleBefore = ctx.clock.now().getTime() - hotlistStaleHours * 3_600_000;
    // The lists behind the caller's alerts: their own data domain's (docs/protocol.md 1.1 "Domains").
    // An admin, who loads and replaces every list, sees them all.
    const shown = (await matching.book.list()).filter((l) => principal.roles.includes('admin') || l.domain === user.domain);
    const items: HotlistSummary[] = shown.map((l) => ({
      id: l.id,
      name: l.name,
      source: l.source,
      domain: l.domain,
      entries: l.entries,
      downloadedAt: l.downloadedAt,
      stale: Date.parse(l.downloadedAt) < staleBefore,
    }));
    return { items };
  });
}
