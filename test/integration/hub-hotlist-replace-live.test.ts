/**
 * Replacing a big hot list does not stop the hub (issue 11, docs/adr/0021): while `PUT /hotlists/:id`
 * carries 200,000 entries, alerts posted meanwhile reach a connected desk before the PUT answers.
 * The hub parses and checks the body on a worker thread; when it did that on its own thread, the
 * event loop stood still for the whole JSON parse, and no alert moved.
 *
 * What is counted is behaviour, not time: the test plays alerts one after another (post one, wait
 * until the desk has it, post the next) and counts those begun after the PUT's last byte was written
 * and delivered before its answer. A hub whose loop is stopped by the parse completes none in that
 * window when nothing in the request yields after the parse: the refused list below (its head is
 * wrong, so the hub answers right after parsing) shows that: on the old path it counted 0.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotlistUpload, Read } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import type { Json } from '../support/api.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { SPRINGFIELD_POINT } from '../support/zones.js';

const BIG = 200_000;

const entry = (plate: string, reason = 'Stolen vehicle'): HotlistUpload['entries'][number] => ({ plate, state: 'IL', category: 'registration', reason, entryId: `E-${plate}` });

function bigList(marker: string, reason: string, extra: Record<string, unknown> = {}): Buffer {
  const entries = Array.from({ length: BIG }, (_, i) => entry(`Q${i.toString(36).toUpperCase()}`, reason));
  entries[0] = entry(marker, reason);
  return Buffer.from(JSON.stringify({ name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries, ...extra }));
}

/** A PUT whose `sent` turns true once its last byte is handed to the socket, and `answered` once its answer is read. */
function putRaw(url: string, path: string, token: string, body: Buffer): { state: { sent: boolean; answered: boolean }; done: Promise<{ status: number; body: Json }> } {
  const state = { sent: false, answered: false };
  const done = new Promise<{ status: number; body: Json }>((resolve, reject) => {
    const req = request(`${url}/api/v1${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        state.answered = true;
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(body, () => (state.sent = true));
  });
  return { state, done };
}

describe('a 200,000-entry hot list replaced while alerts flow', () => {
  let t: TestHub;
  let desk: AlertClient;

  const read = (plate: string): Read => ({
    id: `read-${plate}-${Math.random().toString(36).slice(2)}`,
    plate,
    plateState: 'IL',
    readAt: new Date().toISOString(),
    location: SPRINGFIELD_POINT,
    camera: { id: 'cam-1', name: 'I-55 @ Toronto Rd', type: 'expressway', network: 'isp' },
    confidence: 0.9,
  });
  const matchedReason = async (plate: string): Promise<string | undefined> => {
    const res = await t.api('POST', '/reads', { token: t.ingestKey, body: { reads: [read(plate)] } });
    expect(res.status, res.text).toBe(202);
    const hit = res.body.hits[0];
    return hit ? (await t.hub.store.alerts.byId(hit.alertId))?.alert.hit.hotlist.reason : undefined;
  };

  /** Alerts played one after another until the PUT answers; counts those begun after it was sent and delivered before its answer. */
  async function alertsDuring(put: ReturnType<typeof putRaw>): Promise<{ played: number; whileParsing: number }> {
    let played = 0;
    let whileParsing = 0;
    while (!put.state.answered) {
      const begunAfterSent = put.state.sent;
      const hit = makeHit({ category: 'amber', plate: `LIVE${played}` });
      expect((await t.postHit(hit)).status).toBe(202);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === hit.id), `alert ${played} on the desk`);
      played += 1;
      if (begunAfterSent && !put.state.answered) whileParsing += 1;
    }
    return { played, whileParsing };
  }

  beforeAll(async () => {
    t = await startTestHub();
    const trooper = await t.signedIn(['trooper']);
    desk = t.connect({ token: trooper.token, clientId: 'desk-live' });
    await desk.ready();
    const first = await t.api('PUT', '/hotlists/ncic', { token: t.ingestKey, body: { name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries: [entry('OLD1', 'old list')] } });
    expect(first.status, first.text).toBe(200);
  });
  afterAll(async () => t.close());

  it('alerts posted while the list is parsed and indexed reach the desk before the PUT answers; then the new list matches', async () => {
    const put = putRaw(t.url, '/hotlists/ncic', t.ingestKey, bigList('NEW1', 'new list'));
    const { played, whileParsing } = await alertsDuring(put);
    const answer = await put.done;
    console.log(`list replace: ${played} alert(s) delivered during the PUT, ${whileParsing} of them begun after its body was sent`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ id: 'ncic', entries: BIG });
    expect(whileParsing).toBeGreaterThanOrEqual(3);
    expect(await matchedReason('NEW1')).toBe('new list');
    expect(await matchedReason('OLD1')).toBeUndefined();
  });

  it('a big list refused after its parse: alerts go on meanwhile, the same 400, nothing stored, the old list still matching', async () => {
    const before = (await t.api('GET', '/hotlists', { token: (await t.signedIn(['admin'])).token })).body;
    // Valid JSON, 200,000 good entries, but a source the protocol does not know: refused as soon as it is parsed.
    const put = putRaw(t.url, '/hotlists/ncic', t.ingestKey, bigList('BAD1', 'refused list', { source: 'NOPE' }));
    const { played, whileParsing } = await alertsDuring(put);
    const answer = await put.done;
    console.log(`refused list: ${played} alert(s) delivered during the PUT, ${whileParsing} of them begun after its body was sent`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'invalid_hotlist', message: 'the hot list is not valid: 1 problem(s)' }, issues: [{ path: 'source' }] });
    expect(whileParsing).toBeGreaterThanOrEqual(3);
    expect((await t.api('GET', '/hotlists', { token: (await t.signedIn(['admin'])).token })).body).toEqual(before);
    expect(await matchedReason('NEW1')).toBe('new list');
    expect(await matchedReason('BAD1')).toBeUndefined();
  });
});
