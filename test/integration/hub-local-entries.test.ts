/**
 * docs/protocol.md 1.1 local hot-list entries against a real hub (port 0, SQLite, a hub clock the
 * test moves) and real Socket.IO desks: who may add, list and remove; a read of an entry's plate
 * reaching its owner once (even outside the owner's zones) with LOCAL, the owner and the case, and
 * the desks whose zone it is in like any hit; an expired or removed entry never matching; bad input
 * a clear 400 that changes nothing; each add and remove in the security audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEnvelope, Read } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import { HubTestClock } from '../support/hub-clock.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PATH = '/hotlists/local/entries';

let serial = 0;
function read(plate: string, overrides: Partial<Read> = {}): Read {
  serial++;
  return {
    id: `local-read-${process.pid}-${serial}`,
    plate,
    plateState: 'IL',
    readAt: new Date().toISOString(),
    location: CHICAGO_POINT,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    ...overrides,
  };
}

describe('docs/protocol.md 1.1 local hot-list entries', () => {
  const clock = new HubTestClock();
  let t: TestHub;
  let admin: string;
  /** Owner: their zone is Springfield, the reads are in Chicago. */
  let owner: { token: string; id: string; username: string };
  let chicagoTrooper: string;
  let otherTrooper: string;
  let dispatcher: string;
  let supervisor: string;
  let ownerDesk: AlertClient;
  let chicagoDesk: AlertClient;
  let springfieldDesk: AlertClient;

  const entry = (overrides: Record<string, unknown> = {}) => ({
    plate: 'LCL1234', state: 'IL', category: 'local', reason: 'Suspect vehicle, armed robbery', caseNumber: 'ISP-2026-0042',
    purpose: 'Robbery investigation', expiresAt: new Date(clock.now().getTime() + 10 * DAY).toISOString(), ...overrides,
  });
  const add = (token: string, body: unknown) => t.api('POST', PATH, { token, body });
  const list = async (token: string) => (await t.api('GET', PATH, { token })).body.items as { id: string; plate: string; owner: { username: string } }[];
  const postReads = (reads: Read[]) => t.api('POST', '/reads', { token: t.ingestKey, body: { reads } });
  const alertsFor = (desk: AlertClient, readId: string): AlertEnvelope[] => desk.alerts.filter((a) => a.alert.hit.readId === readId);
  /** A statewide marker hit after the reads: once every desk has it, they have everything before it. */
  const settle = async (): Promise<void> => {
    const marker = makeHit({ category: 'amber' });
    expect((await t.postHit(marker)).status).toBe(202);
    for (const desk of [ownerDesk, chicagoDesk, springfieldDesk]) await waitFor(() => desk.alerts.some((a) => a.alert.id === marker.id), 'the marker hit');
  };
  const auditOf = async (action: string) =>
    (await t.api('GET', `/audit/events?action=${action}&limit=1000`, { token: supervisor })).body.items as { username: string; detail: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestHub({ clock });
    admin = (await t.signedIn(['admin', 'dispatcher'])).token;
    const o = await t.signedIn(['trooper']);
    owner = { token: o.token, id: o.user.id, username: o.user.username };
    const c = await t.signedIn(['trooper']);
    chicagoTrooper = c.token;
    const s = await t.signedIn(['trooper']);
    otherTrooper = s.token;
    dispatcher = (await t.signedIn(['dispatcher'])).token;
    supervisor = (await t.signedIn(['supervisor'])).token;
    const sp = SPRINGFIELD_POINT;
    const springfield = box(sp.lon - 0.1, sp.lat - 0.1, sp.lon + 0.1, sp.lat + 0.1);
    expect((await t.api('PUT', '/zones/chicago', { token: admin, body: zone('chicago', CHICAGO, { users: [c.user.id] }) })).status).toBe(200);
    expect((await t.api('PUT', '/zones/springfield', { token: admin, body: zone('springfield', springfield, { users: [o.user.id, s.user.id] }) })).status).toBe(200);
    ownerDesk = t.connect({ token: owner.token, clientId: 'desk-owner' });
    chicagoDesk = t.connect({ token: chicagoTrooper, clientId: 'desk-chicago' });
    springfieldDesk = t.connect({ token: otherTrooper, clientId: 'desk-springfield' });
    for (const desk of [ownerDesk, chicagoDesk, springfieldDesk]) await desk.ready();
  });
  afterAll(async () => t.close());

  it('a trooper and a dispatcher add entries (201 with id, owner, createdAt); a supervisor or an admin alone may not', async () => {
    const res = await add(owner.token, entry({ plate: 'ADD1' }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      ...entry({ plate: 'ADD1' }), expiresAt: expect.any(String), id: expect.stringMatching(/^le-/), domain: 'general',
      owner: { userId: owner.id, username: owner.username }, createdAt: clock.now().toISOString(),
    });
    expect((await add(dispatcher, entry({ plate: 'ADD2' }))).status).toBe(201);
    expect((await add(supervisor, entry({ plate: 'ADD3' }))).status).toBe(403);
    expect((await add(admin, entry({ plate: 'ADD3' }))).status).toBe(201); // admin + dispatcher
    const adminOnly = (await t.signedIn(['admin'])).token;
    expect((await add(adminOnly, entry({ plate: 'ADD4' }))).status).toBe(403);
    expect((await t.api('GET', PATH, { token: adminOnly })).status).toBe(403);
    expect((await t.api('POST', PATH, { body: entry() })).status).toBe(401);
  });

  it('each lists only their own entries; a supervisor lists everyone\'s, with the owner', async () => {
    const mine = await list(owner.token);
    expect(mine.map((e) => e.plate)).toContain('ADD1');
    expect(mine.every((e) => e.owner.username === owner.username)).toBe(true);
    expect((await list(dispatcher)).map((e) => e.plate)).toEqual(['ADD2']);
    expect(await list(chicagoTrooper)).toEqual([]);
    const all = await list(supervisor);
    expect(all.map((e) => e.plate).sort()).toEqual(expect.arrayContaining(['ADD1', 'ADD2', 'ADD3']));
    expect(all.find((e) => e.plate === 'ADD1')?.owner.username).toBe(owner.username);
  });

  it('a read of the plate reaches the owner once (outside their zones), with LOCAL, owner and case; and the desk whose zone it is in', async () => {
    const added = await add(owner.token, entry());
    expect(added.status).toBe(201);
    const r = read('LCL1234');
    const res = await postReads([r]);
    expect(res.body.hits).toHaveLength(1);
    expect((await postReads([r])).body.hits).toEqual([]); // sent again: no second alert
    await settle();
    const got = alertsFor(ownerDesk, r.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.alert.hit).toMatchObject({
      category: 'local', match: 'exact', plate: 'LCL1234',
      hotlist: { source: 'LOCAL', plate: 'LCL1234', state: 'IL', reason: 'Suspect vehicle, armed robbery', caseNumber: 'ISP-2026-0042', entryId: added.body.id, owner: { userId: owner.id, username: owner.username } },
    });
    expect(alertsFor(chicagoDesk, r.id)).toHaveLength(1);
    expect(alertsFor(springfieldDesk, r.id)).toHaveLength(0);
  });

  it('a trooper cannot remove another\'s entry (404, still listed, still matching); the owner removes it (204) and it never matches again', async () => {
    const added = (await add(owner.token, entry({ plate: 'RMV1' }))).body as { id: string };
    expect((await t.api('DELETE', `${PATH}/${added.id}`, { token: chicagoTrooper })).status).toBe(404);
    expect((await t.api('DELETE', `${PATH}/le-unknown`, { token: owner.token })).status).toBe(404);
    expect((await list(owner.token)).map((e) => e.id)).toContain(added.id);
    expect((await postReads([read('RMV1')])).body.hits).toHaveLength(1);
    expect((await t.api('DELETE', `${PATH}/${added.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.api('DELETE', `${PATH}/${added.id}`, { token: owner.token })).status).toBe(404);
    expect((await list(owner.token)).map((e) => e.id)).not.toContain(added.id);
    expect((await postReads([read('RMV1')])).body.hits).toEqual([]);
  });

  it('a supervisor removes anyone\'s entry; the audit trail says who added and who removed what', async () => {
    const added = (await add(dispatcher, entry({ plate: 'SUP1', caseNumber: 'CASE-SUP' }))).body as { id: string };
    expect((await t.api('DELETE', `${PATH}/${added.id}`, { token: supervisor })).status).toBe(204);
    expect((await list(dispatcher)).map((e) => e.id)).not.toContain(added.id);
    const adds = await auditOf('local_entry_add');
    expect(adds.find((e) => e.detail.entry === added.id)?.detail).toMatchObject({ plate: 'SUP1', state: 'IL', caseNumber: 'CASE-SUP', purpose: 'Robbery investigation' });
    const removes = await auditOf('local_entry_remove');
    expect(removes.find((e) => e.detail.entry === added.id)).toMatchObject({ detail: { plate: 'SUP1', caseNumber: 'CASE-SUP' } });
    expect(removes.find((e) => e.detail.entry === added.id)?.username).not.toBe(adds.find((e) => e.detail.entry === added.id)?.username);
  });

  it('bad input is 400 invalid_local_entry naming the field, and changes nothing', async () => {
    const before = await list(supervisor);
    const auditBefore = (await auditOf('local_entry_add')).length;
    const now = clock.now().getTime();
    const { purpose: _p, ...noPurpose } = entry();
    const { caseNumber: _c, ...noCase } = entry();
    const cases: [unknown, string][] = [
      [noPurpose, 'purpose'],
      [noCase, 'caseNumber'],
      [entry({ purpose: '   ' }), 'purpose'],
      [entry({ expiresAt: new Date(now + 31 * DAY).toISOString() }), 'expiresAt'],
      [entry({ expiresAt: new Date(now - HOUR).toISOString() }), 'expiresAt'],
      [entry({ expiresAt: 'tomorrow' }), 'expiresAt'],
      [entry({ plate: 'abc-123' }), 'plate'],
      [entry({ category: 'anything' }), 'category'],
      [entry({ owner: { userId: 'u-someone-else', username: 'x' } }), ''],
      [entry({ reason: 'x'.repeat(100_000) }), 'reason'],
      [[entry()], ''],
    ];
    for (const [body, path] of cases) {
      const res = await add(owner.token, body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body.error.code).toBe('invalid_local_entry');
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const raw = await t.api('POST', PATH, { token: owner.token, raw: '{"plate": "ABC' });
    expect(raw.status).toBe(400);
    expect(await list(supervisor)).toEqual(before);
    expect((await auditOf('local_entry_add')).length).toBe(auditBefore);
  });

  it('the expiry cap follows the policy\'s localEntryMaxDays', async () => {
    const policy = (await t.api('GET', '/policy', { token: admin })).body;
    expect((await t.api('PUT', '/policy', { token: admin, body: { ...policy, localEntryMaxDays: 2 } })).status).toBe(200);
    try {
      const far = await add(owner.token, entry({ plate: 'CAP1', expiresAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() }));
      expect(far.status).toBe(400);
      expect(far.body.error.message).toContain('at most 2 days');
      expect((await add(owner.token, entry({ plate: 'CAP1', expiresAt: new Date(clock.now().getTime() + 2 * DAY).toISOString() }))).status).toBe(201);
    } finally {
      expect((await t.api('PUT', '/policy', { token: admin, body: policy })).status).toBe(200);
    }
  });

  it('lookBackDays: the retained reads of those days become alerts marked retro, to the owner, once; no further back than the reads are kept', async () => {
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
    const recent = read('OLD4242', { readAt: ago(3) });
    const tooOld = read('OLD4242', { readAt: ago(10) });
    const otherState = read('OLD4242', { readAt: ago(2), plateState: 'WI' });
    expect((await postReads([recent, tooOld, otherState])).body.hits).toEqual([]);
    expect((await add(owner.token, entry({ plate: 'OLD4242', lookBackDays: 91 }))).body.issues).toEqual([{ path: 'lookBackDays', message: expect.stringContaining('at most 90 days') }]);
    const added = await add(owner.token, entry({ plate: 'OLD4242', lookBackDays: 7 }));
    expect(added.status, added.text).toBe(201);
    expect(added.body.lookBackDays).toBe(7);
    await settle();
    const got = ownerDesk.alerts.filter((a) => a.alert.hit.plate === 'OLD4242');
    expect(got.map((a) => a.alert.hit.readId)).toEqual([recent.id]);
    expect(got[0]!.alert.hit).toMatchObject({ retro: true, readAt: recent.readAt, hotlist: { source: 'LOCAL', caseNumber: 'ISP-2026-0042', owner: { userId: owner.id } } });
    // The same read sent again (or matched live) is the same alert, not a second one.
    expect((await postReads([recent])).body).toMatchObject({ accepted: 0, hits: [] });
    expect((await postReads([read('OLD4242')])).body.hits).toHaveLength(1);
  });

  it('an expired entry never matches (the hub clock moved past its expiry)', async () => {
    const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
    expect((await add(owner.token, entry({ plate: 'EXP1', expiresAt }))).status).toBe(201);
    expect((await postReads([read('EXP1')])).body.hits).toHaveLength(1);
    clock.advance(HOUR);
    expect((await postReads([read('EXP1')])).body.hits).toEqual([]);
    clock.advance(2 * HOUR);
    expect((await postReads([read('EXP1'), read('EXP1', { plateState: 'UNK' })])).body.hits).toEqual([]);
  });
});
