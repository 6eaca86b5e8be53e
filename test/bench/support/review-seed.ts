/**
 * Seeds a hub with a supervisor's worth of history through its own HTTP API and `/alerts` socket:
 * 3 units with a zone each, 50 users, hits posted over HTTP, delivered to the units' trooper desks
 * (real receipts), and acknowledged, verified (sometimes twice), acted on or closed over the socket,
 * with the hub's clock moved through the period so entries carry past times. Escalations happen on
 * their own (the seeder asks the hub to run its check at each step, as its timer would). Also a few
 * failed sign-ins, zone edits and report exports, so the monthly report has something in every line.
 *
 * The hub runs in this process with a manual clock (`ManualClock`) because a hub on the system clock
 * cannot be given past times; users and the ingest key are made through its admin handle (the same
 * as `opentas-hub user add` / `key add`), everything else through HTTP and the socket. Desk access
 * tokens live 15 minutes of hub time, so each desk refreshes its session and reconnects (resuming from
 * the last seq it stored) whenever the clock has moved on.
 *
 * Seeded (mulberry32): the same seed and options give the same history.
 */
import { randomUUID } from 'node:crypto';
import { type Socket, io } from 'socket.io-client';
import type { Clock } from '../../../src/backend/clock.js';
import type { RunningHub } from '../../../src/backend/server.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';
import type { AckEvent, Category, Hit, Role, SessionTokens } from '../../../src/shared/protocol/index.js';

const MINUTE = 60_000;
const PASSWORD = 'Seeded-Review-2026';

/** The hub's Clock, set by the seeder. */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: number): void {
    this.t = Math.max(this.t, t);
  }
}

export interface SeedOptions {
  hub: Pick<RunningHub, 'url' | 'admin' | 'runEscalation'>;
  clock: ManualClock;
  seed: number;
  /** Log entries to create (the seeder stops at the first batch that reaches it). */
  entries: number;
  from: string;
  days: number;
  users?: number;
  /** Hits posted per step of hub time (default 60). */
  alertsPerBatch?: number;
  progress?: (line: string) => void;
}

export interface SeedSummary {
  alerts: number;
  entries: number;
  escalations: number;
  users: number;
  from: string;
  until: string;
  supervisor: { username: string; password: string };
}

export const UNITS = ['Troop 1', 'Troop 2', 'Troop 3'] as const;
/** One rectangle per unit, around Chicago, Springfield and Carbondale. */
const ZONES: [number, number, number, number][] = [[-88.0, 41.6, -87.5, 42.1], [-89.8, 39.6, -89.4, 40.0], [-89.4, 37.6, -89.0, 37.9]];
const ZONED: Category[] = ['stolen', 'stolen', 'stolen', 'felony', 'felony', 'wanted_person', 'registration', 'registration', 'missing_person', 'protection_order', 'local'];
const NETWORKS = ['vehiclemanager', 'flock', 'isp', 'isp', 'other'] as const;
const SOURCES = ['NCIC', 'NCIC', 'LEADS', 'SOS', 'LOCAL'] as const;

async function http<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
}

async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`seeding: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A trooper's desk: its session, its socket, the alerts it stored. */
class SeedDesk {
  private socket: Socket | undefined;
  private tokens: SessionTokens | undefined;
  private issuedAt = 0;
  readonly received = new Set<string>();
  private lastSeq = 0;

  constructor(
    private readonly url: string,
    readonly user: { id: string; username: string; unit: string },
    private readonly clock: ManualClock,
  ) {}

  /** A token valid for the next 10 minutes of hub time and a socket opened with it. */
  async fresh(): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.socket?.connected && now - this.issuedAt < 10 * MINUTE) return;
    this.socket?.close();
    try {
      if (!this.tokens || now - this.issuedAt > 11 * 3600_000) throw new Error('sign in again');
      this.tokens = await http<SessionTokens>(this.url, 'POST', '/session/refresh', undefined, { refreshToken: this.tokens.refreshToken });
    } catch {
      this.tokens = await http<SessionTokens>(this.url, 'POST', '/session', undefined, { username: this.user.username, password: PASSWORD });
    }
    this.issuedAt = now;
    const socket = io(`${this.url}/alerts`, {
      transports: ['websocket'], reconnection: false, forceNew: true,
      auth: { token: this.tokens.accessToken, clientId: `desk-${this.user.username}`, resumeFrom: this.lastSeq },
    });
    socket.on('alert', (a: { seq: number; alert: { id: string } }, cb?: (x: unknown) => void) => {
      this.received.add(a.alert.id);
      this.lastSeq = Math.max(this.lastSeq, a.seq);
      cb?.({ received: true });
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', (err: Error) => reject(new Error(`desk ${this.user.username}: ${err.message}`)));
    });
  }

  async ack(event: AckEvent): Promise<boolean> {
    const answer = (await this.socket!.timeout(30_000).emitWithAck('ack', event)) as { ok: boolean };
    return answer.ok;
  }

  close(): void {
    this.socket?.close();
  }
}

type Step = { desk: SeedDesk; alertId: string; body: Omit<AckEvent, 'eventId' | 'alertId' | 'at'> };

export async function seedReview(o: SeedOptions): Promise<SeedSummary> {
  const rnd = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const start = Date.parse(o.from);
  const end = start + o.days * 24 * 3600_000;
  const say = o.progress ?? (() => {});
  const began = Date.now();
  o.clock.set(start - 3600_000);

  // Accounts: per unit a supervisor and a dispatcher; troopers share the rest.
  const userCount = o.users ?? 50;
  const made: { id: string; username: string; unit: string; roles: Role[] }[] = [];
  for (let i = 0; i < userCount; i++) {
    const unit = UNITS[i % UNITS.length]!;
    const roles: Role[] = i < UNITS.length ? ['supervisor'] : i < 2 * UNITS.length ? ['dispatcher'] : ['trooper'];
    const username = `${roles[0]}-${o.seed}-${i}`;
    // Valid through the whole period (a lapsed user cannot sign in); some lapse soon after it.
    const certified = new Date(end + between(5, 400) * 24 * 3600_000).toISOString();
    const trained = new Date(end - between(300, 720) * 24 * 3600_000).toISOString();
    const created = await o.hub.admin.addUser({ username, password: PASSWORD, roles, unit, displayName: `Seeded ${username}`, leadsCertifiedUntil: certified, trainingCompletedAt: trained });
    made.push({ id: created.user.id, username, unit, roles });
  }
  const supervisor = made[0]!;
  const key = await o.hub.admin.addIngestKey(`seed-${o.seed}`);
  const signIn = async (u: { username: string }) => (await http<SessionTokens>(o.hub.url, 'POST', '/session', undefined, { username: u.username, password: PASSWORD })).accessToken;
  const putZones = async (suffix: string) => {
    const dispatcher = made[UNITS.length]!;
    const token = await signIn(dispatcher);
    for (const [i, unit] of UNITS.entries()) {
      const [w, s, e, n] = ZONES[i]!;
      await http(o.hub.url, 'PUT', `/zones/unit-${i + 1}`, token, {
        id: `unit-${i + 1}`, name: `${unit} area${suffix}`, active: true, assignees: { users: [], units: [unit] },
        geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
      });
    }
  };
  await putZones('');
  const desks = made.filter((u) => u.roles.includes('trooper')).map((u) => new SeedDesk(o.hub.url, u, o.clock));
  const byUnit = new Map(UNITS.map((unit) => [unit as string, desks.filter((d) => d.user.unit === unit)]));

  let entries = 0;
  let alerts = 0;
  let escalations = 0;
  let serial = 0;
  let lastNote = -1;
  for (let b = 0; entries < o.entries; b++) {
    // Hub time moves through the period in step with the entries made, so they spread evenly.
    o.clock.set(start + (entries / o.entries) * (end - start - 3600_000) + between(0, 5 * MINUTE));
    const t0 = o.clock.now().getTime();
    if (b % 8 === 3) await http(o.hub.url, 'POST', '/session', undefined, { username: pick(desks).user.username, password: 'wrong-password' }).catch(() => undefined);
    if (b % 6 === 2) await putZones(` (rev ${b})`);
    if (b % 25 === 5) await http(o.hub.url, 'GET', `/reports/monthly.csv?month=${new Date(t0).toISOString().slice(0, 7)}`, await signIn(supervisor));

    const unitIndex = Math.floor(rnd() * UNITS.length);
    const [w, s, e, n] = ZONES[unitIndex]!;
    const targets = byUnit.get(UNITS[unitIndex]!)!;
    const mark = Date.now();
    const lap = (what: string) => process.env.SEED_DEBUG && console.log(`  ${what} ${Date.now() - mark} ms`);
    await Promise.all(desks.map((d) => d.fresh()));
    lap('fresh');
    const hits: Hit[] = Array.from({ length: o.alertsPerBatch ?? 60 }, () => {
      const plate = Array.from({ length: 7 }, () => pick([...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'])).join('');
      const hit: Hit = {
        id: `seed-${o.seed}-${++serial}`, plate, plateState: rnd() < 0.9 ? 'IL' : pick(['IN', 'WI', 'MO', 'IA']),
        readAt: new Date(t0 - 2000).toISOString(), location: { lat: between(s, n), lon: between(w, e) },
        camera: { id: `cam-${unitIndex}-${Math.floor(rnd() * 40)}`, name: `Camera ${unitIndex}`, type: 'stationary', network: pick(NETWORKS) },
        category: pick(ZONED),
        hotlist: { source: pick(SOURCES), plate, state: 'IL', reason: 'Seeded hot-list entry' },
        confidence: Math.round(between(0.6, 0.99) * 100) / 100,
      };
      return hit;
    });
    for (let i = 0; i < hits.length; i += 8) await Promise.all(hits.slice(i, i + 8).map((hit) => http(o.hub.url, 'POST', '/hits', key, hit)));
    alerts += hits.length;
    lap('hits');
    await until(() => targets.every((d) => hits.every((h) => d.received.has(h.id))), 'deliveries');
    lap('delivered');
    const supToken = await signIn(supervisor);
    const waiting = new Set(hits.map((h) => h.id));
    await until(async () => {
      for (const id of waiting) {
        if ((await http<{ receipts: unknown[] }>(o.hub.url, 'GET', `/alerts/${id}`, supToken)).receipts.length < targets.length) return false;
        waiting.delete(id);
      }
      return true;
    }, 'receipts');
    lap('receipts');

    // Who does what with each alert (a plan per desk), then the steps in phases of hub time.
    const phases: Step[][] = [[], [], [], [], []];
    for (const h of hits) {
      if (rnd() < 0.12) continue; // nobody acknowledges it
      const actors = [...targets].sort(() => rnd() - 0.5).slice(0, 1 + (rnd() < 0.35 ? 1 : 0) + (rnd() < 0.1 ? 1 : 0));
      for (const [i, desk] of actors.entries()) {
        phases[0]!.push({ desk, alertId: h.id, body: { type: 'acknowledged' } });
        if (rnd() > (i === 0 ? 0.8 : 0.45)) continue;
        const roll = rnd();
        const result = roll < 0.72 ? 'confirmed' : roll < 0.94 ? 'not_confirmed' : 'unable';
        const attested = result === 'confirmed' && rnd() < 0.95;
        const verification = { system: pick(['LEADS', 'NCIC', 'LEADS+NCIC'] as const), result, queryReference: `L-${Math.floor(rnd() * 1e6)}`, plateMatchesImage: attested, stateMatches: attested } as const;
        phases[1]!.push({ desk, alertId: h.id, body: { type: 'verified', verification } });
        const twice = rnd() < 0.06;
        if (twice) phases[2]!.push({ desk, alertId: h.id, body: { type: 'verified', verification: { ...verification, result: 'confirmed', plateMatchesImage: true, stateMatches: true } } });
        if ((attested || twice) && rnd() < 0.55) phases[3]!.push({ desk, alertId: h.id, body: { type: 'action_taken', action: { kind: pick(['stop', 'located', 'broadcast', 'notified_unit'] as const), caseNumber: `2026-${String(Math.floor(rnd() * 99999)).padStart(5, '0')}` } } });
        else if (rnd() < 0.5) phases[4]!.push({ desk, alertId: h.id, body: { type: 'closed', close: { reason: result === 'not_confirmed' ? 'misread' : pick(['cleared', 'duplicate', 'other'] as const) } } });
      }
    }
    let t = t0;
    const delays = [between(0.3, 4), between(0.5, 11), between(1, 3), between(1, 8), between(0.5, 3)];
    for (const [p, steps] of phases.entries()) {
      t += delays[p]! * MINUTE;
      o.clock.set(t);
      escalations += (await o.hub.runEscalation()).length;
      await Promise.all([...new Set(steps.map((st) => st.desk))].map((d) => d.fresh()));
      const results = await Promise.all(steps.map((st) => st.desk.ack({ eventId: randomUUID(), alertId: st.alertId, at: o.clock.now().toISOString(), ...st.body } as AckEvent)));
      entries += results.filter(Boolean).length;
      lap(`phase ${p}`);
    }
    const pct = Math.floor((100 * entries) / o.entries);
    if (pct >= lastNote + 5) {
      lastNote = pct - (pct % 5);
      say(`seed: ${Math.min(entries, o.entries).toLocaleString('en-US')} / ${o.entries.toLocaleString('en-US')} log entries (${pct}%), ${alerts} alerts, ${escalations} escalated, hub time ${new Date(t).toISOString().slice(0, 10)}, ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
  }
  for (const d of desks) d.close();
  return { alerts, entries, escalations, users: made.length, from: o.from, until: o.clock.now().toISOString(), supervisor: { username: supervisor.username, password: PASSWORD } };
}
