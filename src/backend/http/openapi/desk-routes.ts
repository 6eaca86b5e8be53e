/**
 * The routes a desk and a vendor adapter call: health, sign-in, ingest, alerts, zones, policy and
 * preferences, the own account, evidence, hot lists, local entries and read searches. Each entry
 * names the schemas its route parses with (src/shared, or the route file's own query schema).
 */
import { z } from 'zod';
import { MyAlertPage } from '../../../shared/ipc-history.js';
import { TroopAlerts } from '../../../shared/ipc-troop.js';
import { ZoneChange } from '../../../shared/ipc-zones.js';
import { AlertTrail } from '../../../shared/ipc-review.js';
import {
  ExportCreated,
  ExportRequest,
  Hit,
  HotlistId,
  HotlistSummary,
  HotlistUpload,
  OtpEnrolment,
  Policy,
  Preferences,
  ReadBatch,
  ReadBatchAnswer,
  ReadSearchAnswer,
  ReadSearchRecords,
  SessionTokens,
  Zone,
  ZoneId,
} from '../../../shared/protocol/index.js';
import { LocalEntry, LocalEntryInput, LocalEntryList } from '../../../shared/protocol/local-entry.js';
import { TROOP_WATCHERS } from '../../alerts/troop.js';
import { AlertListQuery } from '../query.js';
import { MyAlertsQuery } from '../routes/my-alerts.js';
import { OtpConfirm, PasswordChange } from '../routes/own-account.js';
import { RefreshRequest, SignIn } from '../routes/session.js';
import { TroopQuery } from '../routes/troop.js';
import { AlertPage, Banner, Health, HitAccepted, HotlistStored, ZoneDeleted } from './answers.js';
import type { RouteDoc } from './route-doc.js';
import { ReadSearchListQuery, ReadSearchQuery } from '../routes/read-search.js';

const ANY_USER = { kind: 'user' } as const;

export const DESK_ROUTES: RouteDoc[] = [
  { method: 'GET', path: '/health', operationId: 'getHealth', tag: 'Hub', since: '1', access: { kind: 'public' },
    summary: 'Whether this node can serve: its version and the desks connected to it.',
    ok: { status: 200, description: 'The node and its store answer.', schema: Health },
    errors: { 503: '`unavailable`: the node cannot reach its store (take it out of rotation).' } },
  { method: 'GET', path: '/banner', operationId: 'getBanner', tag: 'Hub', since: '1', access: { kind: 'public' },
    summary: 'The login banner a desk shows before sign-in.', ok: { status: 200, description: 'The banner text.', schema: Banner } },
  { method: 'GET', path: '/openapi.json', operationId: 'getOpenApi', tag: 'Hub', since: 'addition', access: { kind: 'public' },
    summary: 'This document.', ok: { status: 200, description: 'The OpenAPI 3.1 document of the HTTP API.', schema: z.record(z.string(), z.unknown()) } },

  { method: 'POST', path: '/session', operationId: 'signIn', tag: 'Session', since: '1', access: { kind: 'public' },
    summary: 'Sign in with username, password and (when enrolled) a TOTP code.', body: SignIn,
    ok: { status: 200, description: 'Tokens and the user; `mustChangePassword`/`mustEnrollOtp` limit the session.', schema: SessionTokens },
    errors: { 401: '`bad_credentials`, `otp_required` or `otp_invalid`.', 403: '`account_disabled` or `certification_expired`.', 423: '`locked`: too many failures; try after 15 minutes.', 429: '`rate_limited` (per address and per username).' } },
  { method: 'POST', path: '/session/refresh', operationId: 'refreshSession', tag: 'Session', since: '1', access: { kind: 'public' },
    summary: 'Trade a refresh token for new tokens (each refresh token works once).', body: RefreshRequest,
    ok: { status: 200, description: 'New tokens.', schema: SessionTokens }, errors: { 401: '`unauthorized`: unknown, used or expired refresh token (a reused one ends the session).' } },
  { method: 'DELETE', path: '/session', operationId: 'signOut', tag: 'Session', since: '1', access: { kind: 'user', limitedSession: true },
    summary: "Sign out: ends this session and its desk's socket.", ok: { status: 204, description: 'Signed out.' } },

  { method: 'POST', path: '/hits', operationId: 'postHit', tag: 'Ingest', since: '1', access: { kind: 'ingestKey' },
    summary: "Ingest one hit from a vendor adapter; the hit's id is the idempotency key.", body: Hit,
    ok: { status: 202, description: 'Stored and numbered; delivered to the desks it concerns.', schema: HitAccepted },
    alsoOk: { status: 200, description: 'This hit id was ingested before: the same alert, `duplicate: true`.', schema: HitAccepted },
    errors: { 400: '`invalid_hit` with `issues` (also for a body that is not JSON).', 413: '`too_large`: over 2 MiB.' } },
  { method: 'POST', path: '/reads', operationId: 'postReads', tag: 'Ingest', since: '1.1', access: { kind: 'ingestKey' },
    summary: 'A batch of plate reads (1-1,000) for the matcher; hits become alerts.', body: ReadBatch,
    ok: { status: 202, description: 'Accepted; the alerts the reads made.', schema: ReadBatchAnswer }, errors: { 400: '`invalid_read` with `issues`.', 413: '`too_large`: over 16 MiB.' } },
  { method: 'PUT', path: '/hotlists/:id', operationId: 'putHotlist', tag: 'Hot lists', since: '1.1', access: { kind: 'ingestKeyOrUser', roles: ['admin'] },
    summary: 'Replace a hot list whole (up to 1,000,000 entries; the body may be gzip).', params: { id: HotlistId }, body: HotlistUpload, gzipBody: true,
    ok: { status: 200, description: 'Stored; every node matches against it from its next batch of reads.', schema: HotlistStored },
    errors: { 400: '`invalid_hotlist` with `issues`: a bad id, bad JSON, bad gzip or a bad entry; the old list stays.', 413: '`too_large`: over 256 MiB inflated.', 415: '`unsupported_media_type`: a content-encoding other than gzip.' } },
  { method: 'GET', path: '/hotlists', operationId: 'listHotlists', tag: 'Hot lists', since: '1.1', access: ANY_USER,
    summary: 'The hot lists and their freshness (`stale` after the policy\'s hotlistStaleHours).', ok: { status: 200, description: 'Every list.', schema: z.object({ items: z.array(HotlistSummary) }) } },
  { method: 'POST', path: '/hotlists/local/entries', operationId: 'addLocalEntry', tag: 'Hot lists', since: '1.1', access: { kind: 'user', roles: ['trooper', 'dispatcher'] },
    summary: 'Add a local hot-list entry (a plate the hub matches until it expires).', body: LocalEntryInput,
    ok: { status: 201, description: 'The entry with its id, domain and owner.', schema: LocalEntry },
    errors: { 400: '`invalid_local_entry` with `issues` (the expiry must be after now, at most the policy\'s localEntryMaxDays ahead).' } },
  { method: 'GET', path: '/hotlists/local/entries', operationId: 'listLocalEntries', tag: 'Hot lists', since: '1.1', access: { kind: 'user', roles: ['trooper', 'dispatcher', 'supervisor'] },
    summary: "One's own local entries (a supervisor: everyone's), newest first; expired ones stay 7 days.", ok: { status: 200, description: 'The entries.', schema: LocalEntryList } },
  { method: 'DELETE', path: '/hotlists/local/entries/:id', operationId: 'removeLocalEntry', tag: 'Hot lists', since: '1.1', access: { kind: 'user', roles: ['trooper', 'dispatcher', 'supervisor'] },
    summary: 'Remove a local entry (its owner; a supervisor any).', ok: { status: 204, description: 'Removed.' } },
  { method: 'GET', path: '/reads', operationId: 'searchReads', tag: 'Reads', since: '1.1', access: { kind: 'user', roles: ['trooper', 'dispatcher', 'supervisor'] },
    summary: 'Search stored reads by plate (`?` one character, `*` any run) and time, newest first; purpose and case number required, every search recorded.',
    query: ReadSearchQuery, ok: { status: 200, description: 'A page of reads, without images.', schema: ReadSearchAnswer },
    errors: { 400: '`purpose_required`, `case_number_required` or `invalid_request` with `issues`.' } },
  { method: 'GET', path: '/reads/searches', operationId: 'listReadSearches', tag: 'Reads', since: 'addition', access: { kind: 'user', roles: ['supervisor'] },
    summary: 'The recorded read searches (who, what, why), newest first.', query: ReadSearchListQuery, ok: { status: 200, description: 'A page of searches.', schema: ReadSearchRecords } },

  { method: 'GET', path: '/alerts/:id', operationId: 'getAlert', tag: 'Alerts', since: '1', access: ANY_USER,
    summary: 'One alert with its acknowledgement trail and receipts (a supervisor also gets refusals, escalation, exports); recorded as alert_read.',
    ok: { status: 200, description: 'The alert.', schema: AlertTrail }, errors: { 403: '`forbidden`: the alert was not delivered to you (and you are not a supervisor).' } },
  { method: 'GET', path: '/alerts', operationId: 'listAlerts', tag: 'Alerts', since: '1', access: { kind: 'user', roles: ['dispatcher', 'supervisor'] },
    summary: 'Every alert, newest first, filtered by time, category and area; without images.', query: AlertListQuery,
    ok: { status: 200, description: 'A page of alerts.', schema: AlertPage } },
  { method: 'GET', path: '/me/alerts', operationId: 'listMyAlerts', tag: 'Alerts', since: 'addition', access: ANY_USER,
    summary: 'The alerts delivered to the caller, newest first, with their trails; searchable by plate, category and time.', query: MyAlertsQuery,
    ok: { status: 200, description: 'A page of alerts.', schema: MyAlertPage } },
  { method: 'GET', path: '/troop/alerts', operationId: 'listTroopAlerts', tag: 'Alerts', since: 'addition', access: { kind: 'user', roles: TROOP_WATCHERS },
    summary: "The alerts of the caller's unit since `since` (default 12 hours), with trails and receipts.", query: TroopQuery,
    ok: { status: 200, description: 'The Troop view.', schema: TroopAlerts } },
  { method: 'POST', path: '/alerts/:id/exports', operationId: 'exportEvidence', tag: 'Evidence', since: '1.1', access: ANY_USER,
    summary: 'Make an evidence package of an alert for a recipient (a declaration when out of state); recorded.', body: ExportRequest,
    ok: { status: 201, description: "The package's id and SHA-256.", schema: ExportCreated },
    errors: { 400: '`invalid_request` or `declaration_required`.', 403: '`forbidden`: the alert was not delivered to you.' } },
  { method: 'GET', path: '/exports/:id', operationId: 'downloadEvidence', tag: 'Evidence', since: '1.1', access: ANY_USER,
    summary: 'Download an evidence package (who made it, or a supervisor), byte for byte as exported.',
    ok: { status: 200, description: 'The package.', file: { contentType: 'application/zip', description: 'The evidence zip: alert, images, trail, manifest with hashes.' } },
    errors: { 410: '`export_unavailable`: it can no longer be rebuilt as exported (images purged).' } },

  { method: 'GET', path: '/zones', operationId: 'listZones', tag: 'Zones', since: '1', access: ANY_USER,
    summary: "Dispatchers and supervisors: every zone; others: the zones that apply to them.", ok: { status: 200, description: 'The zones.', schema: z.array(Zone) } },
  { method: 'PUT', path: '/zones/:id', operationId: 'putZone', tag: 'Zones', since: '1', access: { kind: 'user', roles: ['dispatcher'] },
    summary: 'Create or replace a zone; the desks it concerns get it at once.', params: { id: ZoneId }, body: Zone,
    ok: { status: 200, description: 'The stored zone.', schema: Zone }, errors: { 400: '`invalid_zone` with `issues`.' } },
  { method: 'DELETE', path: '/zones/:id', operationId: 'deleteZone', tag: 'Zones', since: '1', access: { kind: 'user', roles: ['dispatcher'] },
    summary: 'Delete a zone.', params: { id: ZoneId }, ok: { status: 200, description: 'Deleted.', schema: ZoneDeleted } },
  { method: 'GET', path: '/zones/:id/history', operationId: 'getZoneHistory', tag: 'Zones', since: '1', access: { kind: 'user', roles: ['dispatcher', 'supervisor'] },
    summary: "A zone's changes: who, when, before and after.", params: { id: ZoneId }, ok: { status: 200, description: 'The history.', schema: z.object({ items: z.array(ZoneChange) }) } },

  { method: 'GET', path: '/policy', operationId: 'getPolicy', tag: 'Policy', since: '1', access: ANY_USER,
    summary: "The agency's policy.", ok: { status: 200, description: 'The policy.', schema: Policy } },
  { method: 'PUT', path: '/policy', operationId: 'putPolicy', tag: 'Policy', since: '1', access: { kind: 'user', roles: ['admin'] },
    summary: 'Replace the policy; every desk gets it at once.', body: Policy,
    ok: { status: 200, description: 'The stored policy.', schema: Policy }, errors: { 400: '`invalid_policy` with `issues`.' } },
  { method: 'GET', path: '/me/preferences', operationId: 'getPreferences', tag: 'Policy', since: '1', access: ANY_USER,
    summary: "The caller's categories (the mandatory ones always included).", ok: { status: 200, description: 'The preferences.', schema: Preferences } },
  { method: 'PUT', path: '/me/preferences', operationId: 'putPreferences', tag: 'Policy', since: '1', access: ANY_USER,
    summary: "Set the caller's categories; the mandatory ones are added back.", body: Preferences,
    ok: { status: 200, description: 'The stored preferences.', schema: Preferences }, errors: { 400: '`invalid_preferences` with `issues`.' } },

  { method: 'POST', path: '/me/password', operationId: 'changeOwnPassword', tag: 'Own account', since: '1.1', access: { kind: 'user', limitedSession: true },
    summary: "Change one's password; the other sessions end.", body: PasswordChange, ok: { status: 204, description: 'Changed.' },
    errors: { 400: '`invalid_request` or `weak_password`.', 403: '`wrong_password` (counts as a failed sign-in).', 429: '`rate_limited`.' } },
  { method: 'POST', path: '/me/otp', operationId: 'beginOtp', tag: 'Own account', since: '1.1', access: { kind: 'user', limitedSession: true },
    summary: 'Start enrolling a TOTP second factor: the secret and its otpauth URL.', ok: { status: 200, description: 'The secret to enter in an authenticator.', schema: OtpEnrolment } },
  { method: 'POST', path: '/me/otp/confirm', operationId: 'confirmOtp', tag: 'Own account', since: '1.1', access: { kind: 'user', limitedSession: true },
    summary: 'Confirm the TOTP enrolment with a code; the code is spent.', body: OtpConfirm, ok: { status: 204, description: 'Enrolled.' },
    errors: { 400: '`otp_invalid`.', 409: '`otp_not_started`.', 429: '`rate_limited`.' } },
];
