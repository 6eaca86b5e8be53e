/**
 * The Flock adapter (src/adapters/flock) between Flock's webhook and a real hub: signed alerts in
 * Flock's published format reach a real desk socket with the mapped fields; a bad signature or a
 * payload that cannot be mapped is refused and posts nothing; with the hub down the alert waits in
 * the spool and arrives once when the hub is back.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlockAdapter, type RunningFlockAdapter, WEBHOOK_PATH } from '../../src/adapters/flock/webhook-server.js';
import { signBody } from '../../src/adapters/flock/webhook-signature.js';
import { startHub } from '../../src/backend/server.js';
import type { AlertClient } from '../support/alert-client.js';
import { makeHit } from '../support/hits.js';
import { REPO_ROOT, startTestHub, TestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

const SECRET = 'flock-webhook-secret-for-tests-0123456789';
const FIXTURES = join(REPO_ROOT, 'test/fixtures/flock');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

/** Posts a body to the adapter's webhook, signed with `secret` unless told otherwise. */
async function deliver(adapter: RunningFlockAdapter, body: unknown, sign: string | null = SECRET): Promise<{ status: number; body: { error?: { code: string; message: string }; issues?: { path: string }[]; id?: string } }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign !== null) headers['x-opentas-signature'] = signBody(sign, raw);
  const res = await fetch(`${adapter.url}${WEBHOOK_PATH}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: (await res.json()) as never };
}

describe('Flock adapter against a running hub', () => {
  let hub: TestHub;
  let adapter: RunningFlockAdapter;
  let desk: AlertClient;
  let spoolDir: string;

  beforeAll(async () => {
    hub = await startTestHub();
    spoolDir = mkdtempSync(join(tmpdir(), 'opentas-flock-spool-'));
    adapter = await startFlockAdapter({ hubUrl: hub.url, ingestKey: hub.ingestKey, secret: SECRET, spoolDir, port: 0, retry: { firstMs: 50, maxMs: 500 }, log: () => {} });
    const { token } = await hub.signedIn(['trooper']);
    desk = hub.connect({ token });
    await desk.ready();
  });

  afterAll(async () => {
    await adapter.close();
    await hub.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const alertFor = (id: string) => waitFor(() => desk.alerts.find((a) => a.alert.id === id), `alert ${id} on the desk`);

  it('a signed NCIC stolen-vehicle alert reaches the desk with the mapped fields', async () => {
    const payload = fixture('ncic-stolen-vehicle.json');
    const res = await deliver(adapter, payload);
    expect(res).toEqual({ status: 202, body: { id: 'flock-b7e4c2a9-1d3f-4e5b-8a6c-9f0d2e4b6a13' } });
    const { alert } = await alertFor('flock-b7e4c2a9-1d3f-4e5b-8a6c-9f0d2e4b6a13');
    expect(alert.hit).toMatchObject({
      plate: 'CJ41872',
      plateState: 'IL',
      readAt: '2026-11-30T03:14:07.412Z',
      location: { lat: 41.8309, lon: -87.6307 },
      camera: { id: '3f6b2a1e-8c4d-4e1a-9b7f-2d5c8e9a0b11', name: 'Dan Ryan NB @ 35th St - Lane 2', type: 'stationary', network: 'flock' },
      category: 'stolen',
      hotlist: { source: 'NCIC', plate: 'CJ41872', state: 'UNK', reason: 'Stolen Vehicle' },
      confidence: 0.94,
    });
    expect(alert.hit.hotlist.caseNumber).toBeUndefined();
    await waitFor(() => adapter.spool.count() === 0, 'the spool to empty');
  });

  it('a custom felony list and an NCIC AMBER alert: source, category, case number, state name and no-state', async () => {
    expect((await deliver(adapter, fixture('custom-hotlist-felony.json'))).status).toBe(202);
    expect((await deliver(adapter, fixture('ncic-amber-alert.json'))).status).toBe(202);
    const felony = (await alertFor('flock-e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b')).alert.hit;
    expect(felony).toMatchObject({ plate: 'R558203', plateState: 'UNK', category: 'felony', hotlist: { source: 'LOCAL', reason: 'Felony Vehicle', caseNumber: '2026-04417', state: 'UNK' }, camera: { name: 'I-80 EB @ Houbolt Rd' } });
    const amber = (await alertFor('flock-4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d')).alert.hit;
    expect(amber).toMatchObject({ plate: 'HX72031', plateState: 'IN', category: 'amber', hotlist: { source: 'NCIC', reason: 'AMBER Alert · also on Statewide AMBER', caseNumber: 'IN-2026-0912' } });
  });

  it("the vehicle image behind Flock's link travels in the hit; a dead or expired link leaves it out", async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const images = createServer((req, res) => {
      if (req.url === '/read.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    try {
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const earlier = new Date(Date.now() - 60_000).toISOString();
      const withImage = { ...fixture('ncic-stolen-vehicle.json'), objectId: '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e01', imageUrl: `${base}/read.png`, imageExpiration: later };
      const deadLink = { ...withImage, objectId: '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e02', imageUrl: `${base}/gone.png` };
      const expired = { ...withImage, objectId: '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e03', imageExpiration: earlier };
      for (const p of [withImage, deadLink, expired]) expect((await deliver(adapter, p)).status).toBe(202);
      expect((await alertFor('flock-0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e01')).alert.hit.images).toEqual({ vehicle: `data:image/png;base64,${png.toString('base64')}` });
      expect((await alertFor('flock-0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e02')).alert.hit.images).toBeUndefined();
      expect((await alertFor('flock-0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e03')).alert.hit.images).toBeUndefined();
    } finally {
      images.closeAllConnections();
      await new Promise((resolve) => images.close(resolve));
    }
  });

  it('a wrong or missing signature is 401 and posts nothing', async () => {
    const payload = { ...fixture('ncic-stolen-vehicle.json'), objectId: '11111111-2222-4333-8444-555555555555' };
    const wrong = await deliver(adapter, payload, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('unauthorized');
    expect(wrong.body.error?.message).toContain('x-opentas-signature');
    expect((await deliver(adapter, payload, null)).status).toBe(401);
    // The body signed, then changed: the signature no longer holds.
    const raw = JSON.stringify(payload);
    const tampered = await fetch(`${adapter.url}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'x-opentas-signature': signBody(SECRET, raw) }, body: raw.replace('CJ 41872', 'CJ 41873') });
    expect(tampered.status).toBe(401);
    expect(adapter.spool.count()).toBe(0);
    // A later good alert arrives; the refused one never did.
    const marker = { ...payload, objectId: '66666666-7777-4888-9999-000000000000' };
    expect((await deliver(adapter, marker)).status).toBe(202);
    await alertFor('flock-66666666-7777-4888-9999-000000000000');
    expect(desk.alerts.some((a) => a.alert.id === 'flock-11111111-2222-4333-8444-555555555555')).toBe(false);
  });

  it('an alert on restricted custom lists only is held in the spool with why, and the hub never sees it', async () => {
    const payload = {
      ...fixture('custom-hotlist-felony.json'),
      objectId: '5e5e5e5e-1111-4222-8333-444444444444',
      sources: [{ name: 'Narcotics target', reason: 'Felony Vehicle', caseNumber: '2026-08810', customHotlistAudience: 'restricted' }],
    };
    const res = await deliver(adapter, payload);
    expect(res).toEqual({ status: 202, body: { id: 'flock-5e5e5e5e-1111-4222-8333-444444444444', held: true } });
    const held = readdirSync(join(spoolDir, 'held'));
    expect(held.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(readFileSync(join(spoolDir, 'held', held.find((f) => f.endsWith('.reason.txt'))!), 'utf8')).toContain('restricted custom hot lists only (Narcotics target)');
    expect(adapter.spool.count()).toBe(0);
    // A marker posted after it arrives; the held alert never does.
    const probe = makeHit();
    expect((await hub.postHit(probe)).status).toBe(202);
    await alertFor(probe.id);
    expect(desk.alerts.some((a) => a.alert.id === 'flock-5e5e5e5e-1111-4222-8333-444444444444')).toBe(false);
  });

  it('a payload that cannot be mapped is 400 naming the Flock field, and posts nothing', async () => {
    const base = fixture('ncic-stolen-vehicle.json');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, eventTime: undefined }, 'eventTime'],
      [{ ...base, eventTime: 'last night' }, 'eventTime'],
      [{ ...base, ocr: null }, 'ocr.label'],
      [{ ...base, ocr: { label: 'CJ41872!!', labelConfidence: 0.9, state: 'IL' } }, 'ocr.label'],
      [{ ...base, deviceLat: undefined }, 'deviceLat'],
      [{ ...base, deviceLong: 'west' }, 'deviceLong'],
      [{ ...base, sources: [] }, 'sources'],
      [{ ...base, objectId: undefined }, 'objectId'],
    ];
    for (const [payload, field] of cases) {
      const res = await deliver(adapter, { ...payload, objectId: payload.objectId === undefined ? undefined : '77777777-8888-4999-8aaa-bbbbbbbbbbbb' });
      expect(res.status, field).toBe(400);
      expect(res.body.error?.code).toBe('invalid_alert');
      expect(res.body.error?.message.startsWith(`${field}:`), `${field}: ${res.body.error?.message}`).toBe(true);
      expect(res.body.issues?.map((i) => i.path)).toContain(field);
    }
    expect((await deliver(adapter, '{"objectId": ')).body.error?.code).toBe('invalid_json');
    expect(adapter.spool.count()).toBe(0);
    const probe = makeHit();
    expect((await hub.postHit(probe)).status).toBe(202);
    await alertFor(probe.id);
    expect(desk.alerts.some((a) => a.alert.id === 'flock-77777777-8888-4999-8aaa-bbbbbbbbbbbb')).toBe(false);
  });
});

describe('Flock adapter while the hub is down', () => {
  it('keeps the alert in its spool, delivers it once the hub is back, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opentas-hub-test-'));
    const spoolDir = mkdtempSync(join(tmpdir(), 'opentas-flock-spool-'));
    const first = new TestHub(await startHub({ port: 0, dataDir, onError: (err) => console.error('[hub under test]', err) }), dataDir, undefined);
    const port = first.hub.port;
    const key = await first.hub.admin.addIngestKey('flock-adapter');
    const trooper = await first.addUser(['trooper']);
    await first.stop();

    const failures: string[] = [];
    const adapter = await startFlockAdapter({ hubUrl: first.url, ingestKey: key, secret: SECRET, spoolDir, port: 0, retry: { firstMs: 50, maxMs: 400 }, log: (l) => failures.push(l) });
    let second: TestHub | undefined;
    try {
      const payload = fixture('ncic-stolen-vehicle.json');
      expect((await deliver(adapter, payload)).status).toBe(202);
      // Flock delivers the same alert again (its own retry): still one hit waiting.
      expect((await deliver(adapter, payload)).status).toBe(202);
      expect(adapter.spool.count()).toBe(1);
      await waitFor(() => failures.filter((l) => l.includes('hub not reachable')).length >= 2, 'two failed delivery attempts');
      expect(adapter.spool.count()).toBe(1);

      second = new TestHub(await startHub({ port, dataDir, onError: (err) => console.error('[hub under test]', err) }), dataDir, undefined);
      second.ingestKey = key;
      const desk = second.connect({ token: (await second.login(trooper)).accessToken });
      await desk.ready();
      await waitFor(() => desk.alerts.some((a) => a.alert.id === 'flock-b7e4c2a9-1d3f-4e5b-8a6c-9f0d2e4b6a13'), 'the spooled alert on the desk');
      await waitFor(() => adapter.spool.count() === 0, 'the spool to empty');
      // Flock redelivers after the hub had it: the hub answers duplicate; no second alert.
      expect((await deliver(adapter, payload)).status).toBe(202);
      await waitFor(() => adapter.spool.count() === 0, 'the redelivery to be taken');
      const marker = makeHit();
      expect((await second.postHit(marker)).status).toBe(202);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === marker.id), 'the marker alert');
      expect(desk.alerts.filter((a) => a.alert.id === 'flock-b7e4c2a9-1d3f-4e5b-8a6c-9f0d2e4b6a13')).toHaveLength(1);
      expect(adapter.forwarder.delivered).toBe(2);
    } finally {
      await adapter.close();
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});

describe('npm run adapter:flock', () => {
  it('starts from its command line, takes a signed alert to the hub, and refuses bad arguments with exit 2', async () => {
    const hub = await startTestHub();
    const dir = mkdtempSync(join(tmpdir(), 'opentas-flock-cli-'));
    writeFileSync(join(dir, 'key'), `${hub.ingestKey}\n`);
    writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
    const cli = join(REPO_ROOT, 'src/adapters/flock/cli.ts');
    const args = ['--import', 'tsx', cli, '--hub', hub.url, '--ingest-key-file', join(dir, 'key'), '--secret-file', join(dir, 'secret'), '--spool', join(dir, 'spool')];
    const child = spawn(process.execPath, [...args, '--port', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          const m = /^listening on (http:\/\/\S+)$/.exec(line);
          if (m?.[1]) resolve(m[1]);
        });
        void exited.then((code) => reject(new Error(`adapter exited (${code}) before listening`)));
      });
      const { token } = await hub.signedIn(['trooper']);
      const desk = hub.connect({ token });
      await desk.ready();
      const raw = readFileSync(join(FIXTURES, 'custom-hotlist-felony.json'), 'utf8');
      const res = await fetch(`${url}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'x-opentas-signature': signBody(SECRET, raw) }, body: raw });
      expect(res.status).toBe(202);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === 'flock-e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b'), 'the alert on the desk');

      const bad = spawn(process.execPath, [...args, '--port', 'eighty'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      bad.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      expect(await new Promise((resolve) => bad.once('exit', resolve))).toBe(2);
      expect(stderr.trim()).toBe('adapter:flock: --port must be a port number (0 picks a free one)');
    } finally {
      child.kill('SIGTERM');
      await exited;
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
