/**
 * The hub's supervisor endpoints as the review screens use them: the log (GET /acks with its
 * filters and cursor), refusals, one alert's whole trail, the chain check, the monthly and sharing
 * reports, and the files (log CSV, report CSV and PDF). JSON goes through `HubApi.call`, so parsing
 * and errors are the same as everywhere else; a file is read as bytes here, with the same error
 * handling, because the renderer must never hold the token that fetching it needs.
 */
import { z } from 'zod';
import {
  AlertTrail,
  ChainCheck,
  type DownloadedFile,
  ExportRecord,
  type LogPage,
  Metrics,
  MonthlyReport,
  Person,
  Refusal,
  type RefusalFilter,
  SharingReport,
  type DownloadRequest,
  type LogFilter,
} from '../../shared/ipc-review.js';
import { AckEntry, Category } from '../../shared/protocol/index.js';
import { HubError } from '../../shared/hub-error.js';
import type { HubApi } from './hub-api.js';

/** A file larger than this is refused rather than carried over IPC (the log CSV at 1,000,000 rows is ~200 MB). */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/**
 * How long the reads that walk a whole log or month may take: the chain check hashes every entry
 * (about a minute at 1,000,000 on a loaded machine) and a month's report reads all its facts. The
 * supervisor asked for them and sees "Checking…" or "Counting…"; the client's usual 10 s would
 * turn a large, intact log into an error.
 */
export const LONG_READ_MS = 10 * 60_000;

/** The GET /acks query of a filter: only the parameters that are set. */
export function logQuery(filter: Partial<Record<string, string | number | undefined>>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  return query;
}

/** GET /acks keeps each item the hashed entry; what the table shows of it rides in `context`, index for index. */
const HubLogPage = z.object({
  items: z.array(AckEntry),
  context: z.array(
    z.object({
      seq: z.number(),
      plate: z.string().nullable(),
      plateState: z.string().nullable(),
      category: Category.nullable(),
      unit: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export async function logPage(
  hub: HubApi,
  token: string,
  filter: LogFilter & { cursor?: string; limit?: number },
): Promise<LogPage> {
  const page = await hub.call('GET', `/acks?${logQuery(filter).toString()}`, HubLogPage, { token });
  const bySeq = new Map(page.context.map((c) => [c.seq, c]));
  return {
    items: page.items.map((entry) => {
      const c = bySeq.get(entry.seq);
      return {
        ...entry,
        plate: c?.plate ?? null,
        plateState: c?.plateState ?? null,
        category: c?.category ?? null,
        unit: c?.unit ?? null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

export function refusals(hub: HubApi, token: string, filter: RefusalFilter): Promise<{ items: Refusal[] }> {
  return hub.call(
    'GET',
    `/acks/refusals?${logQuery(filter).toString()}`,
    z.object({ items: z.array(Refusal) }),
    { token },
  );
}

export function alertTrail(hub: HubApi, token: string, alertId: string): Promise<AlertTrail> {
  return hub.call('GET', `/alerts/${encodeURIComponent(alertId)}`, AlertTrail, { token });
}

export async function checkChain(hub: HubApi, token: string, now: () => number): Promise<ChainCheck> {
  const report = await hub.call('GET', '/audit/verify', ChainCheck.omit({ checkedAt: true }), {
    token,
    timeoutMs: LONG_READ_MS,
  });
  return { ...report, checkedAt: new Date(now()).toISOString() };
}

export async function people(hub: HubApi, token: string): Promise<{ items: Person[] }> {
  const body = await hub.call('GET', '/users', z.object({ items: z.array(Person) }), { token });
  return {
    items: body.items.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      unit: u.unit,
    })),
  };
}

/** GET /reports/metrics: the counts as the screen reads them, the chart series under `series`. */
const HubMetrics = Metrics.omit({ timeToVerifyByDay: true, byCategory: true, byHour: true }).extend({
  series: z.object({
    timeToVerifyByDay: z.array(
      z.object({ day: z.string(), verified: z.number(), p50: z.number(), p90: z.number() }),
    ),
    alertsByCategory: z.array(z.object({ category: Category, alerts: z.number() })),
    alertsByHour: z.array(z.object({ hour: z.number().int().min(0).max(23), alerts: z.number() })),
  }),
});

export async function metrics(
  hub: HubApi,
  token: string,
  since: string,
  until: string,
  unit?: string,
): Promise<Metrics> {
  const query = new URLSearchParams({ since, until, ...(unit ? { unit } : {}) });
  const { series, ...counts } = await hub.call('GET', `/reports/metrics?${query.toString()}`, HubMetrics, {
    token,
    timeoutMs: LONG_READ_MS,
  });
  return {
    ...counts,
    timeToVerifyByDay: series.timeToVerifyByDay.map((d) => ({
      day: d.day,
      alerts: d.verified,
      p50: d.verified > 0 ? d.p50 : null,
      p90: d.verified > 0 ? d.p90 : null,
    })),
    byCategory: series.alertsByCategory,
    byHour: series.alertsByHour,
  };
}

export function monthly(hub: HubApi, token: string, month: string, unit?: string): Promise<MonthlyReport> {
  const query = new URLSearchParams({ month, ...(unit ? { unit } : {}) });
  return hub.call('GET', `/reports/monthly?${query.toString()}`, MonthlyReport, {
    token,
    timeoutMs: LONG_READ_MS,
  });
}

export function sharing(hub: HubApi, token: string, month: string): Promise<SharingReport> {
  return hub.call('GET', `/reports/sharing?${new URLSearchParams({ month }).toString()}`, SharingReport, {
    token,
    timeoutMs: LONG_READ_MS,
  });
}

/** Every recorded export (the log, reports, evidence), newest first. */
export function exportsRecorded(hub: HubApi, token: string): Promise<{ items: ExportRecord[] }> {
  return hub.call('GET', '/audit/exports?limit=500', z.object({ items: z.array(ExportRecord) }), { token });
}

/** Where each file comes from and what it is called when saved. */
export function downloadTarget(request: DownloadRequest): { path: string; filename: string; mime: string } {
  if (request.what === 'log.csv') {
    const { order: _order, ...filter } = request.filter;
    const query = logQuery(filter).toString();
    return {
      path: `/acks/export.csv${query ? `?${query}` : ''}`,
      filename: 'acknowledgement-log.csv',
      mime: 'text/csv',
    };
  }
  const query = new URLSearchParams({
    month: request.month,
    ...(request.unit ? { unit: request.unit } : {}),
  }).toString();
  const unitPart = request.unit ? `-${request.unit.replace(/[^A-Za-z0-9]+/g, '-')}` : '';
  if (request.what === 'monthly.csv')
    return {
      path: `/reports/monthly.csv?${query}`,
      filename: `audit-report-${request.month}${unitPart}.csv`,
      mime: 'text/csv',
    };
  return {
    path: `/reports/monthly.pdf?${query}`,
    filename: `audit-report-${request.month}${unitPart}.pdf`,
    mime: 'application/pdf',
  };
}

/** Fetches one file with the user's token; the hub records the export (who, what, when). */
export async function download(
  hub: HubApi,
  token: string,
  request: DownloadRequest,
  timeoutMs = LONG_READ_MS,
): Promise<DownloadedFile> {
  const target = downloadTarget(request);
  let response: Response;
  try {
    response = await fetch(`${hub.base}/api/v1${target.path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new HubError(0, 'hub_unreachable', `The hub could not be reached (${(err as Error).message}).`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { error?: { code?: unknown; message?: unknown } } | undefined;
    const code = typeof body?.error?.code === 'string' ? body.error.code : 'hub_error';
    const message =
      typeof body?.error?.message === 'string' ? body.error.message : `The hub answered ${response.status}.`;
    throw new HubError(response.status, code, message);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_DOWNLOAD_BYTES)
    throw new HubError(413, 'too_large', 'That file is too large to save from here; narrow the filters.');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_DOWNLOAD_BYTES)
    throw new HubError(413, 'too_large', 'That file is too large to save from here; narrow the filters.');
  // The hub's own file name when it gives a safe one; ours otherwise.
  const named = /filename="([A-Za-z0-9._-]{1,100})"/.exec(
    response.headers.get('content-disposition') ?? '',
  )?.[1];
  return { filename: named ?? target.filename, mime: target.mime, base64: bytes.toString('base64') };
}
