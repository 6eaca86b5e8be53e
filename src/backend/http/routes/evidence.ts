/**
 * Evidence export (docs/protocol.md 1.1, ENF-051 IV.E.9): `POST /alerts/:id/exports` makes the
 * package and answers its id and SHA-256; `GET /exports/:id` serves it.
 *
 * The package is not stored: every fact it holds is (the alert, its trail up to the recorded seq,
 * and the export's own record in the security audit trail: who, why, to whom, the declaration, the
 * log head, the time). `GET` rebuilds it byte for byte (the zip carries fixed times) and serves it
 * only if its SHA-256 is still the one recorded, so what is downloaded is what was exported; once
 * retention has purged the images it can no longer be, and the answer says so (410). See
 * docs/adr for the decision.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { GENESIS_HASH } from '../../../shared/chain.js';
import { sameDomain } from '../../../shared/filter.js';
import { assertMayReadAlert } from '../../alerts/alert-access.js';
import { ExportRequest, needsDeclaration, type AckEntry } from '../../../shared/protocol/index.js';
import type { HubContext } from '../../context.js';
import { HubError, forbidden, notFound } from '../../errors.js';
import { buildPackage, type PackageFacts } from '../../evidence/package.js';
import { requireAccount } from '../guard.js';
import { parseBody } from '../parse.js';

const ACTION = 'evidence_export';

/** Opaque to clients; inside, the alert it belongs to, so the record is found by the alert's index. */
const newExportId = (alertId: string): string => `${Buffer.from(alertId).toString('base64url')}.${randomBytes(9).toString('base64url')}`;
function alertOfExport(id: string): string | undefined {
  const m = /^([A-Za-z0-9_-]{1,200})\.[A-Za-z0-9_-]{12}$/.exec(id);
  return m ? Buffer.from(m[1] ?? '', 'base64url').toString('utf8') : undefined;
}

interface ExportRecord extends Omit<PackageFacts, 'exportedBy'> {
  alertId: string;
  sha256: string;
  trailUpTo: number;
}

export function evidenceRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post<{ Params: { id: string } }>('/alerts/:id/exports', async (req, reply) => {
    const { principal: me, user } = await requireAccount(ctx, req);
    const stored = await ctx.store.alerts.byId(req.params.id);
    if (!stored) throw notFound('alert');
    assertMayReadAlert(me, user, stored.alert.hit, await ctx.store.receipts.forAlert(stored.alert.id));
    const body = parseBody(ExportRequest, req.body, 'invalid_request', 'the export');
    if (needsDeclaration(body.recipient.state) && !body.declaration) {
      throw new HubError(400, 'declaration_required', `a recipient in ${body.recipient.state} needs the written declaration under 625 ILCS 5/2-130 (text, who signed it, when)`);
    }
    const trail = await ctx.store.acks.trail(stored.alert.id);
    const [last] = await ctx.store.review.searchAcks({ order: 'desc', limit: 1 });
    const record: ExportRecord = {
      ...body,
      alertId: stored.alert.id,
      exportId: newExportId(stored.alert.id),
      createdAt: ctx.clock.now().toISOString(),
      logHead: last?.hash ?? GENESIS_HASH,
      trailUpTo: trail.at(-1)?.seq ?? 0,
      sha256: '',
    };
    const { sha256 } = buildPackage(stored.alert, trail, { ...record, exportedBy: { userId: me.userId, username: me.username } });
    record.sha256 = sha256;
    await ctx.securityLog.record(ACTION, 'success', { userId: me.userId, username: me.username, source: req.ip }, { what: 'evidence package', ...record });
    return reply.code(201).send({ id: record.exportId, sha256 });
  });

  app.get<{ Params: { id: string } }>('/exports/:id', async (req, reply) => {
    const { principal: me, user } = await requireAccount(ctx, req);
    const alertId = alertOfExport(req.params.id);
    if (!alertId) throw notFound('export');
    const events = await ctx.store.review.auditEvents({ actions: [ACTION], alertId, limit: 1000 });
    const event = events.find((e) => e.detail?.exportId === req.params.id);
    if (!event?.detail || !event.userId || !event.username) throw notFound('export');
    if (event.userId !== me.userId && !me.roles.includes('supervisor')) throw forbidden('only who made an export, or a supervisor, may download it');
    const record = event.detail as unknown as ExportRecord;
    const stored = await ctx.store.alerts.byId(alertId);
    if (!stored) throw notFound('alert');
    if (!sameDomain(stored.alert.hit, user.domain)) throw forbidden('this alert belongs to another data domain');
    const trail: AckEntry[] = (await ctx.store.acks.trail(alertId)).filter((e) => e.seq <= record.trailUpTo);
    const { zip, sha256 } = buildPackage(stored.alert, trail, { ...record, exportedBy: { userId: event.userId, username: event.username } });
    if (sha256 !== record.sha256) {
      throw new HubError(410, 'export_unavailable', 'this package can no longer be rebuilt as it was exported (its images were purged after retention); the recorded SHA-256 stays in the audit trail');
    }
    await ctx.securityLog.record('evidence_download', 'success', { userId: me.userId, username: me.username, source: req.ip }, { alertId, exportId: record.exportId, sha256 });
    const day = record.createdAt.slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="evidence-${alertId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${day}.zip"`)
      .send(zip);
  });
}
