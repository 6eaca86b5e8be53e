/**
 * docs/protocol.md 1.1 `GET /reads` and read retention against a real hub (port 0, SQLite, the
 * hub's clock held by the test): who may search, purpose and case number required (with the
 * policy's words, nothing recorded), `?` and `*`, newest first with paging, motor-carrier reads for
 * motor-carrier users only and the reverse, every search recorded (`GET /reads/searches`) and
 * counted in the monthly report; reads purged per network with their images while the alert a
 * read made stays, and `opentas-hub retention run` saying what it purged.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Read } from '../../src/shared/protocol/index.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';
import { CHICAGO_POINT } from '../support/zones.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const DAY = 24 * 3600_000;
const IMAGE = 'data:image/jpeg;base64,/9j/AAAA';

let serial = 0;
function read(plate: string, minutesAgo: number, overrides: Partial<Read> = {}): Read {
  serial++;
  return {
    id: `search-${process.pid}-${serial}`,
    plate,
    plateState: 'IL',
    readAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    location: CHICAGO_POINT,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    ...overrides,
  };
}

const WHY = { purpose: 'Stolen vehicle follow-up', caseNumber: '2026-00123' };
const qs = (q: Record<string, string | number | undefined>) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

describe('docs/protocol.md 1.1 GET /reads: searches of the stored reads', () => {
  let t: TestHub;
  let admin: string;
  let trooper: { token: string; id: string; username: string };
  let dispatcher: string;
  let supervisor: string;
  let carrier: { token: string; id: string };
  const reads = {
    a: read('ABC1234', 10, { images: { plate: IMAGE } }),
    b: read('ABC1284', 20),
    c: read('XABC123', 30),
    d: read('ABD1234', 40),
    mc: read('ABC1234', 5, { domain: 'motor_carrier' }),
  };
  const search = (token: string, q: Record<string, string | number | undefined>) => t.api('GET', `/reads?${qs(q)}`, { token });
  const recorded = async () => (await t.api('GET', '/reads/searches?limit=500', { token: supervisor })).body.items as { username: string; plate: string; purpose: string; caseNumber: string; results: number; at: string }[];

  beforeAll(async () => {
    t = await startTestHub({ clock: new HubTestClock(new Date(NOW)), retentionEveryMs: 0 });
    admin = (await t.signedIn(['admin'])).token;
    const tr = await t.signedIn(['trooper'], { unit: 'Troop 3' });
    trooper = { token: tr.token, id: tr.user.id, username: tr.user.username };
    dispatcher = (await t.signedIn(['dispatcher'])).token;
    supervisor = (await t.signedIn(['supervisor'])).token;
    const mc = await t.addUser(['trooper'], { unit: 'CVEB' });
    const patched = await t.api('PATCH', `/users/${mc.id}`, { token: admin, body: { domain: 'motor_carrier' } });
    expect(patched.status, patched.text).toBe(200);
    carrier = { token: (await t.login(mc)).accessToken, id: mc.id };
    const posted = await t.api('POST', '/reads', { token: t.ingestKey, body: { reads: Object.values(reads) } });
    expect(posted.status, posted.text).toBe(202);
  });
  afterAll(async () => t.close());

  it('troopers, dispatchers and supervisors may search; an admin alone is 403, an ingest key or no token 401', async () => {
    for (const token of [trooper.token, dispatcher, supervisor]) expect((await search(token, { plate: 'ABC1234', ...WHY })).status).toBe(200);
    expect((await search(admin, { plate: 'ABC1234', ...WHY })).status).toBe(403);
    expect((await search(t.ingestKey, { plate: 'ABC1234', ...WHY })).status).toBe(401);
    expect((await t.api('GET', `/reads?${qs({ plate: 'ABC1234', ...WHY })}`)).status).toBe(401);
    expect((await t.api('GET', '/reads/searches', { token: trooper.token })).status).toBe(403);
  });

  it('refuses a search without purpose or case number with the policy\'s words, and records nothing', async () => {
    const before = (await recorded()).length;
    const noPurpose = await search(trooper.token, { plate: 'ABC1234', caseNumber: '2026-00123' });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error).toEqual({ code: 'purpose_required', message: expect.stringMatching(/purpose.*IV\.E\.4.*recorded/) });
    expect((await search(trooper.token, { plate: 'ABC1234', purpose: '   ', caseNumber: '1' })).body.error.code).toBe('purpose_required');
    expect((await search(trooper.token, { plate: 'ABC1234' })).body.error.code).toBe('purpose_required');
    const noCase = await search(trooper.token, { plate: 'ABC1234', purpose: 'follow-up' });
    expect(noCase.status).toBe(400);
    expect(noCase.body.error).toEqual({ code: 'case_number_required', message: expect.stringMatching(/case number.*recorded/) });
    // Other bad input: a clear 400 naming the field.
    for (const [q, path] of [
      [{ plate: '*', ...WHY }, 'plate'],
      [{ plate: 'AB[C]', ...WHY }, 'plate'],
      [{ plate: 'ABC1234', since: 'yesterday', ...WHY }, 'since'],
      [{ plate: 'ABC1234', limit: 501, ...WHY }, 'limit'],
      [{ plate: 'ABC1234', drop: 'table', ...WHY }, ''],
    ] as const) {
      const res = await search(trooper.token, q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (path) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const empty = await search(trooper.token, { plate: 'ABC1234', since: '2026-11-30T12:00:00Z', until: '2026-11-30T11:00:00Z', ...WHY });
    expect(empty.status).toBe(400);
    expect((await search(trooper.token, { plate: 'ABC1234', cursor: 'bm9wZQ', ...WHY })).status).toBe(400);
    expect((await recorded()).length).toBe(before);
  });

  it('? stands for one character and * for any run; newest first; reads come without images', async () => {
    const ids = async (plate: string) => ((await search(trooper.token, { plate, ...WHY })).body.items as Read[]).map((r) => r.id);
    expect(await ids('ABC1234')).toEqual([reads.a.id]);
    expect(await ids('abc 12?4')).toEqual([reads.a.id, reads.b.id]);
    expect(await ids('AB?1234')).toEqual([reads.a.id, reads.d.id]);
    expect(await ids('ABC*')).toEqual([reads.a.id, reads.b.id]);
    expect(await ids('*ABC*')).toEqual([reads.a.id, reads.b.id, reads.c.id]);
    expect(await ids('*234')).toEqual([reads.a.id, reads.d.id]);
    expect(await ids('ABC123')).toEqual([]);
    const one = (await search(trooper.token, { plate: 'ABC1234', ...WHY })).body.items[0];
    const { images: _images, ...withoutImages } = reads.a;
    expect(one).toEqual(withoutImages);
    const window = await search(dispatcher, { plate: '*', ...WHY }); // refused: no known character
    expect(window.status).toBe(400);
    const timed = await search(dispatcher, { plate: 'AB*', since: new Date(NOW - 25 * 60_000).toISOString(), until: new Date(NOW - 15 * 60_000).toISOString(), ...WHY });
    expect(timed.body.items.map((r: Read) => r.id)).toEqual([reads.b.id]);
  });

  it('pages newest first with a cursor, without loss or repeat', async () => {
    const first = await search(supervisor, { plate: '*ABC*', limit: 2, ...WHY });
    expect(first.body.items.map((r: Read) => r.id)).toEqual([reads.a.id, reads.b.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search(supervisor, { plate: '*ABC*', limit: 2, cursor: first.body.nextCursor, ...WHY });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: reads.c.id })], nextCursor: null });
  });

  it('motor-carrier reads are searched by motor-carrier users only, and the reverse', async () => {
    const general = await search(trooper.token, { plate: 'ABC1234', ...WHY });
    expect(general.body.items.map((r: Read) => r.id)).toEqual([reads.a.id]);
    const mc = await search(carrier.token, { plate: 'ABC*', ...WHY });
    expect(mc.body.items.map((r: Read) => r.id)).toEqual([reads.mc.id]);
  });

  it('records every search (who, when, plate, purpose, case, results) and counts it in the monthly report', async () => {
    const before = await recorded();
    const report = async (unit?: string) => (await t.api('GET', `/reports/monthly?${qs({ month: '2026-11', unit })}`, { token: supervisor })).body;
    const counted = (await report()).searches as number;
    const troop3 = (await report('Troop 3')).searches as number;
    expect(counted).toBe(before.length);
    const res = await search(trooper.token, { plate: 'abc12?4', purpose: ' Robbery suspect vehicle ', caseNumber: '2026-00999' });
    expect(res.status).toBe(200);
    const after = await recorded();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toEqual({
      id: expect.any(Number), at: new Date(NOW).toISOString(), userId: trooper.id, username: trooper.username, domain: 'general',
      plate: 'ABC12?4', since: null, until: null, purpose: 'Robbery suspect vehicle', caseNumber: '2026-00999', results: 2,
    });
    expect((await report()).searches).toBe(counted + 1);
    expect((await report('Troop 3')).searches).toBe(troop3 + 1);
    expect((await report('Troop 9')).searches).toBe(0);
    expect((await report()).searches).toBe(after.length);
    const mine = (await t.api('GET', `/reads/searches?user=${trooper.username}`, { token: supervisor })).body.items;
    expect(mine.every((r: { userId: string }) => r.userId === trooper.id)).toBe(true);
    expect((await t.api('GET', '/reports/monthly?month=2026-12', { token: supervisor })).body.searches).toBe(0);
  });
});

describe('reads retention: purged per network with their images; alerts and the log stay', () => {
  let t: TestHub;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestHub({ clock: new HubTestClock(new Date(NOW)), retentionEveryMs: 0 });
    const admin = (await t.signedIn(['admin'])).token;
    supervisor = (await t.signedIn(['supervisor'])).token;
    const policy = (await t.api('GET', '/policy', { token: admin })).body;
    expect((await t.api('PUT', '/policy', { token: admin, body: { ...policy, detectionRetentionDays: 90, retentionDaysByNetwork: { flock: 30 } } })).status).toBe(200);
    const list = { name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date(NOW).toISOString(), entries: [{ plate: 'FLK0001', state: 'IL', category: 'stolen', reason: 'Stolen vehicle' }] };
    expect((await t.api('PUT', '/hotlists/ncic', { token: t.ingestKey, body: list })).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('a read past its network\'s days is gone with its image; the alert it made stays; younger reads and other networks stay', async () => {
    const flock = { id: 'fl-7', name: 'Flock Rt 59', type: 'stationary' as const, network: 'flock' as const };
    const old = read('FLK0001', 40 * 24 * 60, { camera: flock, images: { plate: IMAGE, vehicle: IMAGE } });
    const young = read('FLK0001', 29 * 24 * 60, { camera: flock });
    const otherNetwork = read('FLK0001', 40 * 24 * 60);
    const posted = await t.api('POST', '/reads', { token: t.ingestKey, body: { reads: [old, young, otherNetwork] } });
    expect(posted.status, posted.text).toBe(202);
    const alertId = posted.body.hits.find((h: { readId: string }) => h.readId === old.id).alertId as string;

    const result = await t.hub.runRetention();
    expect(result.reads).toEqual(expect.arrayContaining([
      { network: 'flock', before: new Date(NOW - 30 * DAY).toISOString(), reads: 1, images: 1 },
      { network: 'isp', before: new Date(NOW - 90 * DAY).toISOString(), reads: 0, images: 0 },
    ]));
    const found = await t.api('GET', `/reads?${qs({ plate: 'FLK0001', ...WHY })}`, { token: supervisor });
    expect(found.body.items.map((r: Read) => r.id).sort()).toEqual([young.id, otherNetwork.id].sort());
    // Gone from the store itself, images and all.
    const db = new Database(join(t.dataDir, 'hub.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM reads WHERE id = ?').get(old.id)).toEqual({ n: 0 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM reads WHERE body LIKE ? OR images LIKE ?").get(`%${old.id}%`, `%${old.id}%`)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const alert = await t.api('GET', `/alerts/${encodeURIComponent(alertId)}`, { token: supervisor });
    expect(alert.status).toBe(200);
    expect(alert.body.alert.hit).toMatchObject({ readId: old.id, plate: 'FLK0001', camera: flock });
    const events = (await t.api('GET', '/audit/events?action=retention_purge', { token: supervisor })).body.items;
    expect(events[0].detail.reads).toEqual([{ network: 'flock', before: new Date(NOW - 30 * DAY).toISOString(), reads: 1, images: 1 }]);
    expect((await t.hub.runRetention()).reads.every((r) => r.reads === 0)).toBe(true);
  });

  it('opentas-hub retention run reports what it purged per network', async () => {
    await t.stop();
    const cli = await runCli(['retention', 'run', '--data', t.dataDir, '--as-of', new Date(NOW + 80 * DAY).toISOString()]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^purged 1 read\(s\) of network flock \(0 with images\) read before /m);
    expect(cli.stdout).toMatch(/^purged 1 read\(s\) of network isp \(0 with images\) read before /m);
    expect(cli.stdout).toMatch(/^purged 0 read\(s\) of network vehiclemanager /m);
  });
});
