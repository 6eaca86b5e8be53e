/**
 * docs/protocol.md 1.1 "Reads, hot lists and the matcher" against a real hub (port 0, SQLite) and
 * real Socket.IO desks: a read of a listed plate reaches the right desk once; a repeated read id
 * makes no second alert; lookalikes only with `ocrEquivalence` and marked so; UNK states; OCR
 * candidates; a list replaced while reads come in is never seen half-loaded; bad input is a clear
 * 400 that changes nothing.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEnvelope, HotlistUpload, Read } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO, CHICAGO_POINT, SPRINGFIELD_POINT, box, zone } from '../support/zones.js';

let serial = 0;
function read(plate: string, overrides: Partial<Read> = {}): Read {
  serial++;
  return {
    id: `read-${process.pid}-${serial}`,
    plate,
    plateState: 'IL',
    readAt: '2026-11-30T03:15:00.000Z',
    location: CHICAGO_POINT,
    camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    confidence: 0.91,
    ...overrides,
  };
}

function list(entries: HotlistUpload['entries'], extra: Partial<HotlistUpload> = {}): HotlistUpload {
  return { name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries, ...extra };
}

const entry = (plate: string, state = 'IL', reason = 'Stolen vehicle'): HotlistUpload['entries'][number] => ({ plate, state, category: 'registration', reason });

describe('docs/protocol.md 1.1 reads, hot lists and the matcher', () => {
  let t: TestHub;
  let admin: string;
  let chicago: AlertClient;
  let springfield: AlertClient;

  const postReads = (reads: unknown[], key = t.ingestKey) => t.api('POST', '/reads', { token: key, body: { reads } });
  const putList = (id: string, body: unknown, token = t.ingestKey) => t.api('PUT', `/hotlists/${id}`, { token, body });
  const alertsFor = (desk: AlertClient, readId: string): AlertEnvelope[] => desk.alerts.filter((a) => a.alert.hit.readId === readId);
  /** A statewide marker hit after the reads: once both desks have it, they have everything before it. */
  const settle = async (): Promise<void> => {
    const marker = makeHit({ category: 'amber' });
    expect((await t.postHit(marker)).status).toBe(202);
    for (const desk of [chicago, springfield]) await waitFor(() => desk.alerts.some((a) => a.alert.id === marker.id), 'the marker hit');
  };
  const setLookalike = async (on: boolean): Promise<void> => {
    const policy = (await t.api('GET', '/policy', { token: admin })).body;
    expect((await t.api('PUT', '/policy', { token: admin, body: { ...policy, ocrEquivalence: on } })).status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestHub();
    admin = (await t.signedIn(['admin', 'dispatcher'])).token;
    const a = await t.signedIn(['trooper']);
    const b = await t.signedIn(['trooper']);
    expect((await t.api('PUT', '/zones/chicago', { token: admin, body: zone('chicago', CHICAGO, { users: [a.user.id] }) })).status).toBe(200);
    const sp = SPRINGFIELD_POINT;
    expect((await t.api('PUT', '/zones/springfield', { token: admin, body: zone('springfield', box(sp.lon - 0.1, sp.lat - 0.1, sp.lon + 0.1, sp.lat + 0.1), { users: [b.user.id] }) })).status).toBe(200);
    chicago = t.connect({ token: a.token, clientId: 'desk-chicago' });
    springfield = t.connect({ token: b.token, clientId: 'desk-springfield' });
    await chicago.ready();
    await springfield.ready();
    const put = await putList('ncic', list([entry('ABC1234'), entry('UNK777', 'UNK'), entry('XYZ9', 'IN')]));
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({ id: 'ncic', entries: 3 });
  });
  afterAll(async () => t.close());

  it('a read of a listed plate becomes one alert, on the desk whose zone it is in only, with the read and the entry', async () => {
    const r = read('ABC1234');
    const res = await postReads([r]);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, hits: [{ readId: r.id, alertId: expect.any(String), seq: expect.any(Number) }] });
    await settle();
    const got = alertsFor(chicago, r.id);
    expect(got).toHaveLength(1);
    expect(alertsFor(springfield, r.id)).toHaveLength(0);
    const hit = got[0]!.alert.hit;
    expect(got[0]!.alert.id).toBe(res.body.hits[0].alertId);
    expect(got[0]!.seq).toBe(res.body.hits[0].seq);
    expect(hit).toMatchObject({
      readId: r.id, plate: 'ABC1234', plateState: 'IL', readAt: r.readAt, camera: r.camera, category: 'registration', match: 'exact',
      hotlist: { source: 'NCIC', plate: 'ABC1234', state: 'IL', reason: 'Stolen vehicle' },
    });
    expect(await t.hub.store.reads.count()).toBeGreaterThanOrEqual(1);
  });

  it('a repeated read id is a duplicate and makes no second alert (also twice in one batch)', async () => {
    const r = read('ABC1234');
    const first = await postReads([r, r]);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(first.body.hits).toHaveLength(1);
    const again = await postReads([r]);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, hits: [] });
    await settle();
    expect(alertsFor(chicago, r.id)).toHaveLength(1);
  });

  it('a lookalike read matches only with ocrEquivalence on, and says lookalike', async () => {
    const off = read('A8C1Z34');
    expect((await postReads([off])).body).toEqual({ accepted: 1, duplicates: 0, hits: [] });
    await setLookalike(true);
    try {
      const on = read('A8C1Z34');
      const res = await postReads([on]);
      expect(res.body.hits).toHaveLength(1);
      await settle();
      expect(alertsFor(chicago, on.id).map((a) => [a.alert.hit.match, a.alert.hit.plate, a.alert.hit.hotlist.plate])).toEqual([['lookalike', 'A8C1Z34', 'ABC1234']]);
      expect(alertsFor(chicago, off.id)).toHaveLength(0);
    } finally {
      await setLookalike(false);
    }
  });

  it('states: equal or either UNK match; two different states do not', async () => {
    const unknownRead = read('ABC1234', { plateState: 'UNK' });
    const unknownEntry = read('UNK777', { plateState: 'WI' });
    const otherState = read('ABC1234', { plateState: 'IN' });
    const res = await postReads([unknownRead, unknownEntry, otherState]);
    expect(res.body.accepted).toBe(3);
    expect(res.body.hits.map((h: { readId: string }) => h.readId).sort()).toEqual([unknownRead.id, unknownEntry.id].sort());
  });

  it('an OCR candidate matches too, as match "candidate" with its plate', async () => {
    const r = read('XYZ1234', { candidates: [{ plate: 'XYZ1Z34', confidence: 0.4 }, { plate: 'ABC1234', confidence: 0.3 }] });
    const res = await postReads([r]);
    expect(res.body.hits).toHaveLength(1);
    await settle();
    expect(alertsFor(chicago, r.id).map((a) => [a.alert.hit.match, a.alert.hit.candidatePlate, a.alert.hit.plate])).toEqual([['candidate', 'ABC1234', 'XYZ1234']]);
  });

  it('GET /hotlists lists each list with its size and freshness (stale after hotlistStaleHours)', async () => {
    const old = new Date(Date.now() - 30 * 3_600_000).toISOString();
    expect((await putList('sos', list([entry('SOS1')], { name: 'SOS suspensions', source: 'SOS', downloadedAt: old }), admin)).status).toBe(200);
    const trooper = (await t.signedIn(['trooper'])).token;
    const res = await t.api('GET', '/hotlists', { token: trooper });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: 'ncic', name: 'NCIC vehicle file', source: 'NCIC', domain: 'general', entries: 3, downloadedAt: expect.any(String), stale: false },
      { id: 'sos', name: 'SOS suspensions', source: 'SOS', domain: 'general', entries: 1, downloadedAt: old, stale: true },
    ]);
    expect((await t.api('GET', '/hotlists')).status).toBe(401);
  });

  it('a gzip body is accepted; a trooper may not replace a list; bad input is a clear 400 that changes nothing', async () => {
    const gz = await t.api('PUT', '/hotlists/leads', {
      token: t.ingestKey,
      raw: gzipSync(JSON.stringify(list([entry('LEADS1')], { name: 'LEADS', source: 'LEADS' }))),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gz.status, gz.text).toBe(200);
    expect(gz.body).toEqual({ id: 'leads', entries: 1 });
    const trooper = (await t.signedIn(['trooper'])).token;
    expect((await putList('leads', list([]), trooper)).status).toBe(403);
    expect((await putList('leads', list([]), 'not-a-key')).status).toBe(401);

    const readsBefore = await t.hub.store.reads.count();
    const listsBefore = (await t.api('GET', '/hotlists', { token: admin })).body;
    const bad = await postReads([read('ABC1234'), { ...read('ABC1234'), plate: 'abc-1' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_read');
    expect(bad.body.issues).toContainEqual({ path: 'reads.1.plate', message: expect.any(String) });
    const tooMany = await postReads(Array.from({ length: 1001 }, () => read('ABC1234')));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('invalid_read');
    expect((await postReads([])).status).toBe(400);
    expect((await t.api('POST', '/reads', { token: t.ingestKey, raw: '{"reads": [' })).status).toBe(400);
    expect((await t.api('POST', '/reads', { token: admin, body: { reads: [read('ABC1234')] } })).status).toBe(401);

    const noEntries = await putList('ncic', { name: 'x', source: 'NCIC', downloadedAt: new Date().toISOString() });
    expect(noEntries.status).toBe(400);
    expect(noEntries.body).toMatchObject({ error: { code: 'invalid_hotlist' }, issues: [{ path: 'entries' }] });
    expect((await putList('ncic', list([entry('ABC1234'), { ...entry('X'), category: 'nope' } as never]))).status).toBe(400);
    expect((await putList('Bad Id', list([entry('A1')]))).body.error.code).toBe('invalid_hotlist');
    expect((await putList('local', list([entry('A1')]))).body.error.code).toBe('invalid_hotlist');
    const brokenGzip = await t.api('PUT', '/hotlists/ncic', { token: t.ingestKey, raw: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(brokenGzip.status).toBe(400);
    expect(brokenGzip.body.error.code).toBe('invalid_hotlist');
    const notJson = await t.api('PUT', '/hotlists/ncic', { token: t.ingestKey, raw: '{"entries": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_hotlist');

    expect(await t.hub.store.reads.count()).toBe(readsBefore);
    expect((await t.api('GET', '/hotlists', { token: admin })).body).toEqual(listsBefore);
    // The list the bad uploads named still matches as before.
    expect((await postReads([read('ABC1234')])).body.hits).toHaveLength(1);
  });

  it('a list replaced while reads come in is never seen half-loaded', async () => {
    const OLD = Array.from({ length: 100 }, (_, i) => `OLD${i}`);
    const NEW = Array.from({ length: 100 }, (_, i) => `NEW${i}`);
    // Filler makes the replacement take long enough for reads to arrive while it is under way.
    const filler = Array.from({ length: 100_000 }, (_, i) => entry(`F${i.toString(36).toUpperCase()}`));
    expect((await putList('swap', list([...OLD.map((p) => entry(p, 'IL', 'old list')), ...filler], { name: 'swap' }))).status).toBe(200);
    const seen = { old: 0, new: 0 };
    let replaced = false;
    const replacing = putList('swap', list([...NEW.map((p) => entry(p, 'IL', 'new list')), ...filler], { name: 'swap' })).then((res) => {
      replaced = true;
      return res;
    });
    const batch = (): Read[] => [...OLD, ...NEW].map((p) => read(p, { location: SPRINGFIELD_POINT }));
    for (let round = 0; round < 3 || !replaced; round += 1) {
      const res = await postReads(batch());
      expect(res.status).toBe(202);
      const alerts = await Promise.all(res.body.hits.map((h: { alertId: string }) => t.hub.store.alerts.byId(h.alertId)));
      const reasons = new Set(alerts.map((a) => a!.alert.hit.hotlist.reason));
      // Either the whole old list matched or the whole new one: 100 hits, one list version.
      expect(res.body.hits).toHaveLength(100);
      expect(reasons.size).toBe(1);
      if (reasons.has('old list')) seen.old += 1;
      else seen.new += 1;
    }
    expect((await replacing).status).toBe(200);
    const after = await postReads(batch());
    const afterAlerts = await Promise.all(after.body.hits.map((h: { alertId: string }) => t.hub.store.alerts.byId(h.alertId)));
    expect(new Set(afterAlerts.map((a) => a!.alert.hit.hotlist.reason))).toEqual(new Set(['new list']));
    console.log(`list swap: ${seen.old} batch(es) matched the old list, ${seen.new} the new one, none a mix`);
  });
});
