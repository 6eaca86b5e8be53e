/**
 * docs/protocol.md conformance, Hit and ingest: each field's limits at and just past its boundary
 * (plate A-Z0-9 1-10, id 1-128, USPS state or UNK, heading 0-359, reason 1-500, confidence 0..1,
 * times with a zone, the enums), images as JPEG/PNG data URIs of at most 512 KiB, 400
 * `invalid_hit` with `issues` of `{path, message}` that stores nothing, and 413 only over 2 MiB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hit } from '../../src/shared/protocol/index.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';

const KIB = 1024;
/** A data: URI whose decoded image is exactly `bytes` long (the bytes need not be a real picture). */
const image = (mime: 'jpeg' | 'png' | 'gif', bytes: number): string => `data:image/${mime};base64,${Buffer.alloc(bytes, 0xab).toString('base64')}`;

type Mutate = (h: Hit) => unknown;
const set = (patch: Record<string, unknown>): Mutate => (h) => ({ ...h, ...patch });
const hot = (patch: Record<string, unknown>): Mutate => (h) => ({ ...h, hotlist: { ...h.hotlist, ...patch } });
const cam = (patch: Record<string, unknown>): Mutate => (h) => ({ ...h, camera: { ...h.camera, ...patch } });

describe('docs/protocol.md Hit: field limits', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t.close());

  const accepted: [string, Mutate][] = [
    ['a one-character plate', set({ plate: '7' })],
    ['a ten-character plate', set({ plate: 'ABCDE12345' })],
    ['a one-character hotlist plate', hot({ plate: 'Z' })],
    ['plateState UNK', set({ plateState: 'UNK' })],
    ['hotlist.state UNK', hot({ state: 'UNK' })],
    ['a 128-character id', set({ id: `i${'d'.repeat(127)}` })],
    ['heading 0', set({ heading: 0 })],
    ['heading 359', set({ heading: 359 })],
    ['confidence 0', set({ confidence: 0 })],
    ['confidence 1', set({ confidence: 1 })],
    ['a 1-character reason', hot({ reason: 'x' })],
    ['a 500-character reason', hot({ reason: 'r'.repeat(500) })],
    ['readAt with a -05:00 offset', set({ readAt: '2026-11-27T21:15:00.000-06:00' })],
    ['enteredAt with an offset', hot({ enteredAt: '2026-11-01T10:00:00+01:00' })],
    ['corner coordinates', set({ location: { lat: -90, lon: 180 } })],
    ['a JPEG and a PNG image', set({ images: { plate: image('jpeg', 2 * KIB), vehicle: image('png', 3 * KIB) } })],
    ['two images of exactly 512 KiB', set({ images: { plate: image('jpeg', 512 * KIB), vehicle: image('png', 512 * KIB) } })],
    ['a LOCAL entry with a case number', hot({ source: 'LOCAL', caseNumber: '2026-00123' })],
    ['the minimal hit (every optional field left out)', (h) => {
      const { heading: _h, confidence: _c, vehicle: _v, images: _i, ...rest } = h;
      const { entryId: _e, enteredAt: _t, caseNumber: _n, ...hotlist } = rest.hotlist;
      return { ...rest, hotlist };
    }],
    ...(['felony', 'stolen', 'amber', 'silver', 'wanted_person', 'missing_person', 'registration', 'protection_order', 'local', 'other'] as const)
      .map((category): [string, Mutate] => [`category ${category}`, set({ category })]),
    ...(['stationary', 'mobile', 'portable', 'expressway'] as const).map((type): [string, Mutate] => [`camera type ${type}`, cam({ type })]),
    ...(['vehiclemanager', 'flock', 'isp', 'other'] as const).map((network): [string, Mutate] => [`camera network ${network}`, cam({ network })]),
    ...(['NCIC', 'LEADS', 'SOS', 'LOCAL'] as const).map((source): [string, Mutate] => [`hotlist source ${source}`, hot({ source })]),
  ];

  it.each(accepted)('accepts %s (202, and the alert keeps it as sent)', async (_label, mutate) => {
    const hit = mutate(makeHit()) as Hit;
    const res = await t.postHit(hit);
    expect(res.status, res.text.slice(0, 300)).toBe(202);
    expect(res.body).toEqual({ id: hit.id, seq: expect.any(Number) });
    expect(Number.isInteger(res.body.seq) && res.body.seq > 0).toBe(true);
    expect((await t.hub.store.alerts.byId(hit.id))?.alert.hit).toEqual(hit);
  });

  const refused: [string, string, Mutate][] = [
    ['a lower-case plate', 'plate', set({ plate: 'abc1234' })],
    ['an empty plate', 'plate', set({ plate: '' })],
    ['an eleven-character plate', 'plate', set({ plate: 'ABCDE123456' })],
    ['a plate with a dash', 'plate', set({ plate: 'ABC-123' })],
    ['a plate with a space', 'plate', set({ plate: 'ABC 123' })],
    ['a plate with a non-ASCII letter', 'plate', set({ plate: 'ÄBC123' })],
    ['a lower-case hotlist plate', 'hotlist.plate', hot({ plate: 'abc1234' })],
    ['an empty id', 'id', set({ id: '' })],
    ['a 129-character id', 'id', set({ id: 'i'.repeat(129) })],
    ['a plateState that is no USPS code', 'plateState', set({ plateState: 'Illinois' })],
    ['a lower-case plateState', 'plateState', set({ plateState: 'il' })],
    ['a hotlist state that is no USPS code', 'hotlist.state', hot({ state: 'ILL' })],
    ['readAt without a zone', 'readAt', set({ readAt: '2026-11-28T03:15:00.000' })],
    ['readAt as a date only', 'readAt', set({ readAt: '2026-11-28' })],
    ['enteredAt without a zone', 'hotlist.enteredAt', hot({ enteredAt: '2026-11-01T10:00:00' })],
    ['heading 360', 'heading', set({ heading: 360 })],
    ['heading -1', 'heading', set({ heading: -1 })],
    ['latitude 90.5', 'location.lat', set({ location: { lat: 90.5, lon: -87.6 } })],
    ['longitude -180.5', 'location.lon', set({ location: { lat: 41.8, lon: -180.5 } })],
    ['a camera type outside the list', 'camera.type', cam({ type: 'drone' })],
    ['a camera network outside the list', 'camera.network', cam({ network: 'genetec' })],
    ['a category outside the list', 'category', set({ category: 'parking' })],
    ['a hotlist source outside the list', 'hotlist.source', hot({ source: 'FBI' })],
    ['an empty reason', 'hotlist.reason', hot({ reason: '' })],
    ['a 501-character reason', 'hotlist.reason', hot({ reason: 'r'.repeat(501) })],
    ['confidence 1.01', 'confidence', set({ confidence: 1.01 })],
    ['confidence -0.01', 'confidence', set({ confidence: -0.01 })],
    ['a GIF image', 'images.plate', set({ images: { plate: image('gif', 100) } })],
    ['an SVG image', 'images.vehicle', set({ images: { vehicle: `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}` } })],
    ['an image by URL', 'images.plate', set({ images: { plate: 'https://example.org/plate.jpg' } })],
    ['a JPEG of 512 KiB and 1 byte', 'images.plate', set({ images: { plate: image('jpeg', 512 * KIB + 1) } })],
    ['a PNG of 512 KiB and 600 bytes', 'images.vehicle', set({ images: { vehicle: image('png', 512 * KIB + 600) } })],
    ['a missing camera', 'camera', (h) => ({ ...h, camera: undefined })],
    ['a missing hotlist reason', 'hotlist.reason', (h) => ({ ...h, hotlist: { ...h.hotlist, reason: undefined } })],
  ];

  it.each(refused)('refuses %s: 400 invalid_hit naming %s, storing nothing', async (_label, path, mutate) => {
    const hit = mutate(makeHit()) as Hit;
    const head = await t.hub.store.alerts.headSeq();
    const res = await t.postHit(hit);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'issues']);
    expect(res.body.error).toEqual({ code: 'invalid_hit', message: expect.any(String) });
    expect(res.body.issues.length).toBeGreaterThan(0);
    for (const issue of res.body.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await t.hub.store.alerts.headSeq()).toBe(head);
    if (typeof hit.id === 'string' && hit.id !== '') expect(await t.hub.store.alerts.byId(hit.id)).toBeUndefined();
  });

  it('refuses over 2 MiB with 413 too_large, but reads a body of exactly 2 MiB', async () => {
    const envelope = '{"pad":""}';
    const exact = `{"pad":"${'x'.repeat(2 * 1024 * 1024 - envelope.length)}"}`;
    expect(Buffer.byteLength(exact)).toBe(2 * 1024 * 1024);
    const atLimit = await t.api('POST', '/hits', { token: t.ingestKey, raw: exact });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.code).toBe('invalid_hit');
    const over = await t.api('POST', '/hits', { token: t.ingestKey, raw: `${exact} ` });
    expect(over.status).toBe(413);
    expect(over.body).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
  });

  it('numbers hits with positive seqs that increase, and answers a repeated id with the first seq', async () => {
    const seqs: number[] = [];
    const hits = [makeHit(), makeHit(), makeHit()];
    for (const h of hits) seqs.push((await t.postHit(h)).body.seq);
    expect(seqs.every((s) => Number.isInteger(s) && s > 0)).toBe(true);
    expect(seqs[1]! > seqs[0]! && seqs[2]! > seqs[1]!).toBe(true);
    // The id is the idempotency key: a resend that differs (a retried adapter re-reading) is still the same hit.
    const again = await t.postHit({ ...hits[0]!, confidence: 0.5 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: hits[0]!.id, seq: seqs[0], duplicate: true });
    expect((await t.hub.store.alerts.byId(hits[0]!.id))?.alert.hit).toEqual(hits[0]);
  });

  it('answers 401 unauthorized before reading a hit when the key is missing', async () => {
    const res = await t.api('POST', '/hits', { raw: '{"not": "even a hit"' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});
