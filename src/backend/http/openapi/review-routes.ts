/**
 * The supervisor's and the administrator's routes: the acknowledgement log and its checks, the
 * security audit trail, reports, escalations, accounts and ingest keys, and the metrics scrape.
 */
import { z } from 'zod';
import { ExportRecord, MonthlyReport, Refusal, SharingReport, Escalation } from '../../../shared/ipc-review.js';
import { AccountUser, CreatedKey, IngestKeyItem, KeyName, NewUserRequest, TemporaryPassword, UserPatch } from '../../../shared/protocol/index.js';
import { AckSearchQuery, RefusalQuery } from '../routes/acks.js';
import { MetricsQuery, MonthlyQuery, SharingQuery } from '../routes/reports.js';
import { PeriodQuery } from '../routes/review.js';
import { AuditQuery } from '../routes/users.js';
import { AckPage, AuditChainReport, AuditEventItem, ChainReport, PeriodMetrics, UserDirectory } from './answers.js';
import type { RouteDoc } from './route-doc.js';

const SUPERVISOR = { kind: 'user', roles: ['supervisor'] } as const;
const ADMIN = { kind: 'user', roles: ['admin'] } as const;
const AUDITORS = { kind: 'user', roles: ['supervisor', 'admin'] } as const;

export const REVIEW_ROUTES: RouteDoc[] = [
  { method: 'GET', path: '/acks', operationId: 'listAcks', tag: 'Acknowledgement log', since: '1', access: SUPERVISOR,
    summary: 'Pages of the hash-chained acknowledgement log, filtered; items are the hashed entries, `context` rides alongside.', query: AckSearchQuery,
    ok: { status: 200, description: 'A page of the log.', schema: AckPage } },
  { method: 'GET', path: '/acks/export.csv', operationId: 'exportAcks', tag: 'Acknowledgement log', since: '1', access: SUPERVISOR,
    summary: 'The filtered log as CSV (every page); recorded as ack_export.', query: AckSearchQuery,
    ok: { status: 200, description: 'The log.', file: { contentType: 'text/csv', description: 'One row per entry, then plate, plateState, unit.' } } },
  { method: 'GET', path: '/acks/refusals', operationId: 'listAckRefusals', tag: 'Acknowledgement log', since: 'addition', access: SUPERVISOR,
    summary: 'Refused acknowledgement events (out of order, unknown alert...), with plate, category and unit.', query: RefusalQuery,
    ok: { status: 200, description: 'The refusals.', schema: z.object({ items: z.array(Refusal) }) } },
  { method: 'GET', path: '/audit/verify', operationId: 'verifyAckChain', tag: 'Acknowledgement log', since: '1', access: SUPERVISOR,
    summary: "Check the acknowledgement log's hash chain from the start.", ok: { status: 200, description: 'The first bad seq and why, or ok.', schema: ChainReport } },

  { method: 'GET', path: '/audit/events', operationId: 'listAuditEvents', tag: 'Security audit', since: 'addition', access: AUDITORS,
    summary: 'The security audit trail: sign-ins, failures, lockouts, privileged actions, reads.', query: AuditQuery,
    ok: { status: 200, description: 'The events.', schema: z.object({ items: z.array(AuditEventItem) }) } },
  { method: 'GET', path: '/audit/events/verify', operationId: 'verifyAuditChain', tag: 'Security audit', since: 'addition', access: AUDITORS,
    summary: "Check the security audit trail's hash chain.", ok: { status: 200, description: 'The first bad id and why, or ok.', schema: AuditChainReport } },
  { method: 'GET', path: '/audit/exports', operationId: 'listExports', tag: 'Security audit', since: 'addition', access: AUDITORS,
    summary: 'Every recorded export of the log, a report or evidence, newest first.', query: PeriodQuery,
    ok: { status: 200, description: 'The exports.', schema: z.object({ items: z.array(ExportRecord) }) } },
  { method: 'GET', path: '/escalations', operationId: 'listEscalations', tag: 'Security audit', since: 'addition', access: { kind: 'user', roles: ['supervisor', 'dispatcher'] },
    summary: 'Alerts nobody verified within 10 minutes of delivery, newest first.', query: PeriodQuery,
    ok: { status: 200, description: 'The escalations.', schema: z.object({ items: z.array(Escalation) }) } },

  { method: 'GET', path: '/reports/monthly', operationId: 'getMonthlyReport', tag: 'Reports', since: '1.1', access: SUPERVISOR,
    summary: 'The monthly audit report of a month (and a unit).', query: MonthlyQuery, ok: { status: 200, description: 'The report.', schema: MonthlyReport } },
  { method: 'GET', path: '/reports/monthly.csv', operationId: 'getMonthlyReportCsv', tag: 'Reports', since: '1.1', access: SUPERVISOR,
    summary: 'The monthly report as CSV; recorded as report_export.', query: MonthlyQuery,
    ok: { status: 200, description: 'The report.', file: { contentType: 'text/csv', description: 'A section,field,value table, then the byUser and certificationsLapsing tables.' } } },
  { method: 'GET', path: '/reports/monthly.pdf', operationId: 'getMonthlyReportPdf', tag: 'Reports', since: '1.1', access: SUPERVISOR,
    summary: 'The monthly report as PDF (US Letter, marked LAW ENFORCEMENT SENSITIVE); recorded as report_export.', query: MonthlyQuery,
    ok: { status: 200, description: 'The report.', file: { contentType: 'application/pdf', description: 'The report as a PDF.' } } },
  { method: 'GET', path: '/reports/sharing', operationId: 'getSharingReport', tag: 'Reports', since: '1.1', access: SUPERVISOR,
    summary: 'Hits received per network and source, evidence shared per agency, in a month.', query: SharingQuery,
    ok: { status: 200, description: 'The report.', schema: SharingReport } },
  { method: 'GET', path: '/reports/metrics', operationId: 'getMetricsReport', tag: 'Reports', since: 'addition', access: SUPERVISOR,
    summary: 'The monthly counts for any period (at most 366 days), per unit and user, with daily and hourly series.', query: MetricsQuery,
    ok: { status: 200, description: 'The metrics.', schema: PeriodMetrics } },

  { method: 'GET', path: '/users', operationId: 'listUsers', tag: 'Accounts', since: '1', access: { kind: 'user', roles: ['dispatcher', 'supervisor', 'admin'] },
    summary: 'The user directory: the whole account for an admin, id, names, roles and unit for others.', ok: { status: 200, description: 'The users.', schema: UserDirectory } },
  { method: 'POST', path: '/users', operationId: 'addUser', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'Create a user with the password the admin gives.', body: NewUserRequest,
    ok: { status: 201, description: 'The account.', schema: AccountUser }, errors: { 400: '`invalid_user` or `weak_password`.', 409: '`username_taken`.' } },
  { method: 'PATCH', path: '/users/:id', operationId: 'updateUser', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'Change a user (names, roles, unit, disabled, certification dates, domain).', body: UserPatch,
    ok: { status: 200, description: 'The account.', schema: AccountUser }, errors: { 400: '`invalid_user`.', 409: '`last_admin`: the last active administrator cannot lose the role.' } },
  { method: 'POST', path: '/users/:id/unlock', operationId: 'unlockUser', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'Lift a lockout.', ok: { status: 204, description: 'Unlocked.' } },
  { method: 'POST', path: '/users/:id/password', operationId: 'resetPassword', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'A one-use password; the user must choose a new one at sign-in.', ok: { status: 200, description: 'The temporary password.', schema: TemporaryPassword } },
  { method: 'DELETE', path: '/users/:id/sessions', operationId: 'endUserSessions', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: "End every session of a user; their desks are signed out.", ok: { status: 204, description: 'Ended.' } },
  { method: 'GET', path: '/keys', operationId: 'listIngestKeys', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'The ingest keys (never the secret), with their last use.', ok: { status: 200, description: 'The keys.', schema: z.object({ items: z.array(IngestKeyItem) }) } },
  { method: 'POST', path: '/keys', operationId: 'addIngestKey', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: "Issue an ingest key for one adapter; the answer is the only time the key is shown.", body: KeyName,
    ok: { status: 201, description: 'The key.', schema: CreatedKey }, errors: { 400: '`invalid_key`.' } },
  { method: 'DELETE', path: '/keys/:id', operationId: 'revokeIngestKey', tag: 'Accounts', since: '1.1', access: ADMIN,
    summary: 'Revoke an ingest key.', ok: { status: 204, description: 'Revoked.' } },

  { method: 'GET', path: '/metrics', root: true, operationId: 'getPrometheusMetrics', tag: 'Hub', since: 'addition', access: { kind: 'metricsToken' },
    summary: "This node's Prometheus metrics; served only when the operator set a metrics token (else 404).",
    ok: { status: 200, description: 'The exposition.', file: { contentType: 'text/plain', description: 'Prometheus text format 0.0.4.' } } },
];
