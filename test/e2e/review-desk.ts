/**
 * The supervisor's desk for the review tests: a real hub (SQLite in a temp dir) on a clock the test
 * moves, troopers of two units who receive alerts over real sockets and work them (acknowledge,
 * verify, act, close, and one refused attempt), a supervisor signed in through the browser host.
 * The log is written only through the hub's socket API, as desks write it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import type { AckEvent, Category, Hit } from '../../src/shared/protocol/index.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { AlertClient } from '../support/alert-client.js';
import { HubTestClock } from '../support/hub-clock.js';
import { makeHit } from '../support/hits.js';
import { DESK_PASSWORD } from '../support/passwords.js';

export const SUPERVISOR = {
  username: 'sgt.hale',
  password: DESK_PASSWORD,
  displayName: 'Sgt. Maria Hale',
};
const UNITS = ['Troop 3', 'Troop 5'] as const;
/** Not AMBER or SILVER: statewide, they would reach the supervisor's desk too. */
const CATEGORIES: Category[] = [
  'stolen',
  'felony',
  'registration',
  'wanted_person',
  'protection_order',
  'missing_person',
  'local',
  'other',
];

export interface ReviewDesk {
  hub: RunningHub;
  host: WebHost;
  clock: HubTestClock;
  dataDir: string;
  port: number;
  ingestKey: string;
  troopers: { username: string; unit: string; client: AlertClient; tokens: Tokens; issuedAt: number }[];
  /** Posts a hit as a vendor adapter does; resolves once trooper `waitFor` holds it (every desk when not given). */
  post(hit: Hit, waitFor?: number): Promise<void>;
  /** Resolves once every trooper desk holds every hit posted so far. */
  delivered(): Promise<void>;
  ack(trooper: number, event: Omit<AckEvent, 'eventId' | 'at'>): Promise<{ ok: boolean }>;
  /** Moves the hub's clock; the trooper desks renew their tokens first (as the app does), so their sockets stay open. */
  advance(ms: number): Promise<void>;
  /** Stops the hub (keeping its data) and starts it again on the same port: the tamper test. */
  restartHub(between?: () => void): Promise<void>;
  close(): Promise<void>;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

async function session(url: string, path: '/session' | '/session/refresh', body: unknown): Promise<Tokens> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Tokens;
}

/** Access tokens live 15 minutes of hub time; the desks renew theirs before the clock passes 12. */
const RENEW_AFTER_MS = 12 * 60_000;
const DAY_MS = 86_400_000;

export async function startReviewDesk(options: { troopersPerUnit?: number } = {}): Promise<ReviewDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opentas-review-'));
  // Twenty days ago: the log lies in the metrics' default 30 days, and its month is the hub clock's.
  const clock = new HubTestClock(new Date(Date.now() - 20 * DAY_MS));
  const hubDir = join(dataDir, 'hub');
  let hub = await startHub({ port: 0, dataDir: hubDir, clock, escalationEveryMs: 0 });
  const port = Number(new URL(hub.url).port);
  const supervisor = await hub.admin.addUser({ ...SUPERVISOR, roles: ['supervisor'], unit: 'Troop 3' });
  // The supervisor's own desk receives only what falls in a zone far from the seeded hits (and the
  // seed has no statewide categories), so signing in does not start with a replay of every alert.
  const at = clock.now().toISOString();
  await hub.store.zones.put(
    {
      id: 'sup-elsewhere',
      name: 'Far away',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-150, 60],
            [-149, 60],
            [-149, 61],
            [-150, 61],
            [-150, 60],
          ],
        ],
      },
      assignees: { users: [supervisor.user.id], units: [] },
      active: true,
      updatedBy: 'e2e',
      updatedAt: at,
    },
    'e2e',
    at,
  );
  const ingestKey = await hub.admin.addIngestKey('review-e2e');
  const troopers: ReviewDesk['troopers'] = [];
  const perUnit = options.troopersPerUnit ?? 2;
  for (const unit of UNITS) {
    for (let i = 1; i <= perUnit; i++) {
      const username = `tpr.${unit.slice(-1)}${i}`;
      await hub.admin.addUser({
        username,
        password: DESK_PASSWORD,
        displayName: `Tpr. ${unit} #${i}`,
        roles: ['trooper'],
        unit,
      });
      const tokens = await session(hub.url, '/session', { username, password: DESK_PASSWORD });
      const client = new AlertClient(hub.url, { token: tokens.accessToken, clientId: `desk-${username}` });
      await client.ready();
      troopers.push({ username, unit, client, tokens, issuedAt: clock.now().getTime() });
    }
  }
  const host = await startWebHost({ hubUrl: hub.url, dataDir: join(dataDir, 'client'), port: 0 });
  let posted = 0;
  const desk: ReviewDesk = {
    get hub() {
      return hub;
    },
    host,
    clock,
    dataDir: hubDir,
    port,
    ingestKey,
    troopers,
    async post(hit, waitFor) {
      const res = await fetch(`${hub.url}/api/v1/hits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(hit),
      });
      expect(res.status, await res.clone().text()).toBe(202);
      posted += 1;
      if (waitFor === undefined) await desk.delivered();
      else await troopers[waitFor]!.client.alertCount(posted);
    },
    async delivered() {
      await Promise.all(troopers.map((t) => t.client.alertCount(posted)));
    },
    async ack(trooper, event) {
      const answer = (await troopers[trooper]!.client.sendAck({
        ...event,
        eventId: randomUUID(),
        at: clock.now().toISOString(),
      })) as { ok: boolean };
      return answer;
    },
    async advance(ms) {
      const after = clock.now().getTime() + ms;
      for (const t of troopers) {
        if (after - t.issuedAt < RENEW_AFTER_MS) continue;
        t.tokens = await session(hub.url, '/session/refresh', { refreshToken: t.tokens.refreshToken });
        t.issuedAt = clock.now().getTime();
        expect(await t.client.reauth(t.tokens.accessToken)).toMatchObject({ ok: true });
      }
      clock.advance(ms);
    },
    async restartHub(between) {
      for (const t of troopers) t.client.close();
      await hub.close();
      between?.();
      hub = await startHub({ port, dataDir: hubDir, clock, escalationEveryMs: 0 });
    },
    async close() {
      for (const t of troopers) t.client.close();
      await host.close();
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return desk;
}

/**
 * Works `alerts` alerts the way a shift does, drawn from `seed` (printed, so a failure replays):
 * most acknowledged and verified, some confirmed with an action and a case number, some not
 * confirmed (a misread caught) and closed, a few never touched, and one refused early action.
 * Answers the plates and case numbers it used.
 */
export async function workAlerts(
  desk: ReviewDesk,
  alerts: number,
  seed: number,
): Promise<{ plates: string[]; cases: string[]; entries: number }> {
  console.log(`review seed: ${seed} (replay with REVIEW_SEED=${seed})`);
  const started = performance.now();
  const random = seededRandom(seed);
  const plates: string[] = [];
  const cases: string[] = [];
  let entries = 0;
  for (let i = 0; i < alerts; i++) {
    const plate = `R${String(1000 + i)}${'ABCDEFGHJK'[Math.floor(random() * 10)]}`;
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    const hit = makeHit({ plate, category, readAt: desk.clock.now().toISOString() });
    const who = Math.floor(random() * desk.troopers.length);
    const fate = random();
    await desk.post(hit, who);
    plates.push(plate);
    await desk.advance(5_000 + Math.floor(random() * 40_000));
    if (fate < 0.08) continue; // never acknowledged
    expect((await desk.ack(who, { alertId: hit.id, type: 'acknowledged' })).ok).toBe(true);
    entries++;
    if (i === 0)
      expect(
        (
          await desk.ack(who, {
            alertId: hit.id,
            type: 'action_taken',
            action: { kind: 'stop', caseNumber: 'TOO-EARLY' },
          })
        ).ok,
      ).toBe(false);
    await desk.advance(20_000 + Math.floor(random() * 240_000));
    if (fate < 0.15) continue; // acknowledged, never verified
    const confirmed = fate > 0.3;
    const verification = {
      system: 'LEADS' as const,
      result: confirmed ? ('confirmed' as const) : ('not_confirmed' as const),
      queryReference: `L-${1000 + i}`,
      plateMatchesImage: confirmed,
      stateMatches: true,
    };
    expect((await desk.ack(who, { alertId: hit.id, type: 'verified', verification })).ok).toBe(true);
    entries++;
    await desk.advance(10_000);
    if (confirmed && fate > 0.55) {
      const caseNumber = `2026-${String(40000 + i)}`;
      cases.push(caseNumber);
      expect(
        (
          await desk.ack(who, {
            alertId: hit.id,
            type: 'action_taken',
            action: { kind: fate > 0.8 ? 'located' : 'stop', caseNumber },
          })
        ).ok,
      ).toBe(true);
      entries++;
    } else if (!confirmed) {
      expect(
        (await desk.ack(who, { alertId: hit.id, type: 'closed', close: { reason: 'misread' } })).ok,
      ).toBe(true);
      entries++;
    }
  }
  await desk.delivered();
  console.log(
    `review seed: ${alerts} alerts, ${entries} log entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { plates, cases, entries };
}

/** Saves the desk's theme through the bridge and loads the page again, so canvases and the map are drawn in it. */
export async function saveThemeAndReload(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await page.evaluate(
    (t) =>
      (globalThis as unknown as { tas: { invoke(c: string, r: unknown): Promise<unknown> } }).tas.invoke(
        'settings:set',
        { theme: t },
      ),
    theme,
  );
  await page.reload();
}

export async function signInSupervisor(
  page: Page,
  desk: Pick<ReviewDesk, 'host'>,
  theme: 'dark' | 'light' = 'dark',
): Promise<void> {
  await page.goto(desk.host.url);
  await page.waitForFunction(() => 'tas' in globalThis);
  await saveThemeAndReload(page, theme);
  await page.getByLabel('Username').fill(SUPERVISOR.username);
  await page.getByLabel('Password').fill(SUPERVISOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
}
