/**
 * The monthly report checked against an independent count: a hub is seeded through its HTTP API and
 * socket (test/bench/support/review-seed.ts, a small seeded history from late October to early
 * December with never-acknowledged alerts, alerts verified twice and escalations), then every field
 * of GET /reports/monthly, for the whole month and for one unit, is recomputed here from GET /acks,
 * GET /alerts (receipts, escalation), the refusals, the audit trail and the zone histories. The CSV,
 * PDF, sharing report and period metrics are checked against the same numbers.
 * Replay a failure with REVIEW_SEED=<seed printed below>.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type SeedSummary, UNITS, seedReview } from '../bench/support/review-seed.js';
import type { ApiAnswer, Json } from '../support/api.js';
import { type TestHub, startTestHub } from '../support/hub.js';

const SEED = Number(process.env.REVIEW_SEED ?? 20261130);
const MONTH = '2026-11';
const SINCE = '2026-11-01T00:00:00.000Z';
const UNTIL = '2026-12-01T00:00:00.000Z';
const DAY = 24 * 3600_000;

interface Entry { seq: number; alertId: string; userId: string; type: string; serverAt: string; verification?: { result: string } }

/** Nearest rank, written out again here so the test does not lean on the hub's helper. */
function rank(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

describe('monthly report against an independent count', () => {
  let t: TestHub;
  let token: string;
  let seeded: SeedSummary;
  const alerts = new Map<string, { category: string; ingestedAt: string; network: string; source: string; receipts: string[]; escalated: boolean }>();
  let entries: Entry[] = [];
  let users: Map<string, { username: string; unit: string | null }>;

  beforeAll(async () => {
    console.log(`[review-reports] seed ${SEED}`);
    const clock = new ManualClock(Date.parse('2026-10-20T00:00:00.000Z'));
    t = await startTestHub({ clock, escalationEveryMs: 0 });
    seeded = await seedReview({ hub: t.hub, clock, seed: SEED, entries: 500, from: '2026-10-28T00:00:00.000Z', days: 38, users: 15, alertsPerBatch: 50 });
    token = (await t.login(seeded.supervisor)).accessToken;
    users = new Map((await t.api('GET', '/users', { token })).body.items.map((u: { id: string; username: string; unit: string | null }) => [u.id, u]));
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: ApiAnswer<{ items: Json[]; nextCursor: string | null }> = await t.api('GET', `/alerts?since=${SINCE}&until=${UNTIL}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { token });
      for (const a of page.body.items) {
        const one = (await t.api('GET', `/alerts/${a.id}`, { token })).body;
        alerts.set(a.id, {
          category: a.hit.category, ingestedAt: a.ingestedAt, network: a.hit.camera.network, source: a.hit.hotlist.source,
          receipts: one.receipts.map((r: { userId: string }) => r.userId), escalated: one.escalation !== null,
        });
      }
      cursor = page.body.nextCursor;
    }
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: ApiAnswer<{ items: Json[]; nextCursor: string | null }> = await t.api('GET', `/acks?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { token });
      entries.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    entries = entries.filter((e) => alerts.has(e.alertId));
  }, 600_000);
  afterAll(async () => t?.close());

  async function expected(unit: string | null) {
    const members = (id: string) => unit === null || users.get(id)?.unit === unit;
    const counted = [...alerts].filter(([, a]) => a.receipts.some(members));
    const c = { delivered: 0, acknowledged: 0, verified: 0, confirmed: 0, notConfirmed: 0, actionTaken: 0, closed: 0, neverAcknowledged: 0, escalated: 0 };
    const tta: number[] = [];
    const ttv: number[] = [];
    const byUser = new Map<string, { acknowledged: Set<string>; verified: Set<string>; actionTaken: Set<string> }>();
    const row = (id: string) => byUser.get(id) ?? byUser.set(id, { acknowledged: new Set(), verified: new Set(), actionTaken: new Set() }).get(id)!;
    for (const [id, a] of counted) {
      const trail = entries.filter((e) => e.alertId === id).sort((x, y) => x.seq - y.seq);
      const of = (type: string) => trail.filter((e) => e.type === type);
      c.delivered++;
      if (a.escalated) c.escalated++;
      if (of('acknowledged').length) { c.acknowledged++; tta.push(Date.parse(of('acknowledged')[0]!.serverAt) - Date.parse(a.ingestedAt)); }
      if (of('verified').length) { c.verified++; ttv.push(Date.parse(of('verified')[0]!.serverAt) - Date.parse(a.ingestedAt)); }
      if (of('verified').at(-1)?.verification?.result === 'confirmed') c.confirmed++;
      if (of('verified').at(-1)?.verification?.result === 'not_confirmed') c.notConfirmed++;
      if (of('action_taken').length) c.actionTaken++;
      if (of('closed').length) c.closed++;
      for (const r of a.receipts) row(r);
      for (const e of trail) {
        const key = ({ acknowledged: 'acknowledged', verified: 'verified', action_taken: 'actionTaken' } as const)[e.type as 'verified'];
        if (key) row(e.userId)[key].add(id);
        else row(e.userId);
      }
    }
    c.neverAcknowledged = c.delivered - c.acknowledged;
    const inMonth = (at: string) => at >= SINCE && at < UNTIL;
    const refusals = (await t.api('GET', `/acks/refusals?since=${SINCE}&until=${UNTIL}&limit=1000`, { token })).body.items.filter((r: { userId: string }) => members(r.userId));
    const audit = async (action: string) => (await t.api('GET', `/audit/events?action=${action}&since=${SINCE}&limit=1000`, { token })).body.items
      .filter((e: { at: string; userId: string | null }) => inMonth(e.at) && (unit === null || (e.userId !== null && members(e.userId))));
    let zoneChanges = 0;
    for (let i = 1; i <= UNITS.length; i++) {
      zoneChanges += (await t.api('GET', `/zones/unit-${i}/history`, { token })).body.items
        .filter((h: { changedAt: string; changedBy: string }) => inMonth(h.changedAt) && members(h.changedBy)).length;
    }
    const exportsList = (await t.api('GET', `/audit/exports?since=${SINCE}&until=${UNTIL}&limit=1000`, { token })).body.items
      .filter((e: { userId: string | null }) => unit === null || (e.userId !== null && members(e.userId)));
    const limit = Date.parse(UNTIL) + 60 * DAY;
    const lapse = (await t.hub.store.users.list())
      .filter((u) => unit === null || u.unit === unit)
      .map((u) => {
        const trained = new Date(u.trainingCompletedAt);
        trained.setUTCFullYear(trained.getUTCFullYear() + 2);
        return { u, first: Math.min(Date.parse(u.leadsCertifiedUntil), trained.getTime()) };
      })
      .filter((x) => x.first <= limit)
      .sort((a, b) => a.first - b.first || a.u.username.localeCompare(b.u.username, 'en', { numeric: true }))
      .map(({ u }) => ({ userId: u.id, username: u.username, leadsCertifiedUntil: u.leadsCertifiedUntil, trainedAt: u.trainingCompletedAt }));
    return {
      month: MONTH, unit, alerts: c,
      timeToAcknowledgeMs: { p50: rank(tta, 50), p90: rank(tta, 90) }, timeToVerifyMs: { p50: rank(ttv, 50), p90: rank(ttv, 90) },
      refusals: refusals.length,
      failedLogins: (await audit('login')).filter((e: { outcome: string }) => e.outcome === 'failure').length,
      lockouts: (await audit('lockout')).length,
      zoneChanges, searches: 0, exports: exportsList.length,
      byUser: [...byUser].filter(([id]) => members(id))
        .map(([userId, r]) => ({ userId, username: users.get(userId)!.username, acknowledged: r.acknowledged.size, verified: r.verified.size, actionTaken: r.actionTaken.size }))
        .sort((a, b) => a.username.localeCompare(b.username, 'en', { numeric: true })),
      certificationsLapsing: lapse,
    };
  }

  it('seeded a history with every case the report must count', () => {
    const verifiedTwice = new Set(entries.filter((e) => e.type === 'verified').map((e) => `${e.alertId}/${e.userId}`));
    expect(entries.filter((e) => e.type === 'verified').length).toBeGreaterThan(verifiedTwice.size);
    expect([...alerts.values()].some((a) => a.receipts.length > 0 && !entries.some((e) => e.alertId === [...alerts].find(([, x]) => x === a)![0]))).toBe(true);
    expect([...alerts.values()].some((a) => a.escalated)).toBe(true);
    expect(seeded.entries).toBeGreaterThanOrEqual(500);
  });

  it('matches the independent count in every field, for the whole month and for one unit', async () => {
    for (const unit of [null, 'Troop 2']) {
      const res = await t.api('GET', `/reports/monthly?month=${MONTH}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`, { token });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual(await expected(unit));
    }
  });

  it('gives the same figures as CSV and PDF, each download recorded as an export', async () => {
    const report = (await t.api('GET', `/reports/monthly?month=${MONTH}`, { token })).body;
    const csv = await t.api('GET', `/reports/monthly.csv?month=${MONTH}`, { token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const cells = new Map(csv.text.split('\r\n').map((l) => l.split(',')).filter((c) => c.length === 3).map(([s, f, v]) => [`${s}.${f}`, v]));
    expect(cells.get('report.marking')).toBe('LAW ENFORCEMENT SENSITIVE');
    for (const [k, v] of Object.entries(report.alerts)) expect(cells.get(`alerts.${k}`), k).toBe(String(v));
    expect(cells.get('timeToVerifyMs.p90')).toBe(String(report.timeToVerifyMs.p90));
    const pdf = await fetch(`${t.url}/api/v1/reports/monthly.pdf?month=${MONTH}`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const exports = (await t.api('GET', '/audit/exports?limit=5', { token })).body.items;
    expect(exports.slice(0, 2).map((e: { what: string }) => e.what)).toEqual([`monthly report ${MONTH} (PDF)`, `monthly report ${MONTH} (CSV)`]);
    // Rendered for a person to look at (poppler-utils), when it is installed.
    if (existsSync('/usr/bin/pdftoppm')) {
      mkdirSync('test-results/screens', { recursive: true });
      writeFileSync('test-results/screens/monthly-report.pdf', bytes);
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', 'test-results/screens/monthly-report.pdf', 'test-results/screens/monthly-report']);
    }
  });

  it('agrees with the period metrics and the sharing report', async () => {
    const report = (await t.api('GET', `/reports/monthly?month=${MONTH}`, { token })).body;
    const metrics = (await t.api('GET', `/reports/metrics?since=${SINCE}&until=${UNTIL}`, { token })).body;
    const { timeToAcknowledgeMs, timeToVerifyMs, ...totals } = metrics.totals;
    expect(totals).toEqual(report.alerts);
    expect({ timeToAcknowledgeMs, timeToVerifyMs }).toEqual({ timeToAcknowledgeMs: report.timeToAcknowledgeMs, timeToVerifyMs: report.timeToVerifyMs });
    const troop2 = (await t.api('GET', `/reports/monthly?month=${MONTH}&unit=Troop%202`, { token })).body;
    expect(metrics.byUnit.find((u: { unit: string }) => u.unit === 'Troop 2')).toMatchObject(troop2.alerts);
    expect(metrics.series.alertsByHour.reduce((n: number, h: { alerts: number }) => n + h.alerts, 0)).toBe(report.alerts.delivered);
    expect(metrics.series.timeToVerifyByDay.reduce((n: number, d: { verified: number }) => n + d.verified, 0)).toBe(report.alerts.verified);
    const someone = report.byUser[0];
    const mine = (await t.api('GET', `/reports/metrics?since=${SINCE}&until=${UNTIL}&user=${someone.username}`, { token })).body;
    expect(mine.totals).toMatchObject({ acknowledged: someone.acknowledged, verified: someone.verified, actionTaken: someone.actionTaken });

    const sharing = (await t.api('GET', `/reports/sharing?month=${MONTH}`, { token })).body;
    const tally = new Map<string, number>();
    for (const a of alerts.values()) tally.set(`${a.network}/${a.source}`, (tally.get(`${a.network}/${a.source}`) ?? 0) + 1);
    expect(new Map(sharing.received.map((r: { network: string; source: string; hits: number }) => [`${r.network}/${r.source}`, r.hits]))).toEqual(tally);
    expect(sharing.shared).toEqual([]);
  });

  it('refuses a malformed month, a backwards period and other roles', async () => {
    for (const q of ['month=2026-13', 'month=2026-1', 'month=2026-11&unit=', 'month=2026-11&extra=1']) {
      expect((await t.api('GET', `/reports/monthly?${q}`, { token })).status, q).toBe(400);
    }
    expect((await t.api('GET', `/reports/metrics?since=${UNTIL}&until=${SINCE}`, { token })).status).toBe(400);
    expect((await t.api('GET', '/reports/metrics?user=nobody-at-all', { token })).status).toBe(400);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api('GET', `/reports/monthly?month=${MONTH}`, { token: trooper.token })).status).toBe(403);
    expect((await t.api('GET', `/reports/monthly.pdf?month=${MONTH}`, { token: trooper.token })).status).toBe(403);
  });
});
