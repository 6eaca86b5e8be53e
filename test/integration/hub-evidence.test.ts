/**
 * Evidence export exactly per docs/protocol.md 1.1: POST /alerts/:id/exports -> 201 {id, sha256};
 * an out-of-state recipient without the 625 ILCS 5/2-130 declaration -> 400 declaration_required and
 * nothing recorded; GET /exports/:id -> the zip (hit.json, trail.json, the images, manifest.json with
 * every other file's SHA-256 and the log head), whose SHA-256 is the one answered; the export is in
 * the alert's trail (supervisor) and the sharing report; `opentas-hub evidence verify` passes on
 * the download and fails, naming the image, after one byte of it changed. The zip is also opened
 * by Python's zipfile (an independent reader).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';
import { makeHit } from '../support/hits.js';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { call } from '../support/api.js';

// 1x1 PNGs, different bytes (a red and a blue pixel).
const PLATE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const VEHICLE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPj/HwADBwIAMCbHYQAAAABJRU5ErkJggg==';
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const DECLARATION = { text: 'We will use this record only for the investigation of case 24-CR-1187 (625 ILCS 5/2-130).', signedBy: 'Det. Ann Moore, Lake County IN Sheriff', signedAt: '2026-11-30T09:00:00.000Z' };

describe('evidence export', { timeout: 240_000 }, () => {
  let t: TestHub;
  let trooper: string;
  let supervisor: string;
  let stranger: string;
  let alertId: string;
  const dir = mkdtempSync(join(tmpdir(), 'opentas-evidence-'));
  beforeAll(async () => {
    t = await startTestHub();
    trooper = (await t.signedIn(['trooper'])).token;
    supervisor = (await t.signedIn(['supervisor'])).token;
    stranger = (await t.signedIn(['trooper'])).token;
    const desk = t.connect({ token: trooper, clientId: 'desk-ev' });
    await desk.ready();
    const hit = makeHit({ images: { plate: `data:image/png;base64,${PLATE_PNG}`, vehicle: `data:image/png;base64,${VEHICLE_PNG}` } });
    alertId = hit.id;
    await t.postHit(hit);
    await desk.alertCount(1);
    for (const e of [ackEvent(alertId, 'acknowledged'), ackEvent(alertId, 'verified', { verification: CONFIRMED }), ackEvent(alertId, 'action_taken', { action: { kind: 'stop', caseNumber: '2026-004417' } })]) {
      expect(await desk.sendAck(e)).toMatchObject({ ok: true });
    }
    desk.close();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportAs = (token: string, body: unknown, id = alertId) => t.api('POST', `/alerts/${encodeURIComponent(id)}/exports`, { token, body });
  const sharing = async (): Promise<unknown> => (await t.api('GET', `/reports/sharing?month=${new Date().toISOString().slice(0, 7)}`, { token: supervisor })).body;
  const base = { purpose: 'prosecution of the stolen vehicle case', caseNumber: '2026-004417' };

  it('refuses an out-of-state recipient without the declaration, and records nothing', async () => {
    const before = await sharing();
    const res = await exportAs(trooper, { ...base, recipient: { agency: 'Lake County Sheriff', state: 'IN' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'declaration_required' } });
    expect((res.body as { error: { message: string } }).error.message).toContain('625 ILCS 5/2-130');
    expect(await sharing()).toEqual(before);
  });

  it('refuses a malformed request, an unknown alert, and a user it was not delivered to', async () => {
    expect((await exportAs(trooper, { ...base, recipient: { agency: '', state: 'Illinois' } })).status).toBe(400);
    expect((await exportAs(trooper, { ...base, recipient: { agency: 'Cook County SAO', state: 'IL' } }, 'no-such-alert')).status).toBe(404);
    expect((await exportAs(stranger, { ...base, recipient: { agency: 'Cook County SAO', state: 'IL' } })).status).toBe(403);
  });

  it('exports; the download is the zip whose SHA-256 was answered; verify passes, and fails after one byte of an image changed', async () => {
    const inState = await exportAs(trooper, { ...base, recipient: { agency: 'Cook County State’s Attorney', state: 'IL' } });
    expect(inState.status, inState.text).toBe(201);
    const out = await exportAs(trooper, { ...base, recipient: { agency: 'Lake County Sheriff', state: 'IN' }, declaration: DECLARATION });
    expect(out.status, out.text).toBe(201);
    const { id, sha256: answered } = out.body as { id: string; sha256: string };
    expect(answered).toMatch(/^[0-9a-f]{64}$/);

    const res = await fetch(`${t.url}/api/v1/exports/${id}`, { headers: { authorization: `Bearer ${trooper}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(sha256(zip)).toBe(answered);
    // Downloaded again later: the same bytes.
    const again = await fetch(`${t.url}/api/v1/exports/${id}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(sha256(Buffer.from(await again.arrayBuffer()))).toBe(answered);
    expect((await call(t.url, 'GET', `/exports/${id}`, { token: stranger })).status).toBe(403);

    const file = join(dir, 'evidence.zip');
    writeFileSync(file, zip);
    const listing = execFileSync('python3', ['-c', 'import sys, zipfile, json; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; m = json.loads(z.read("manifest.json")); print(json.dumps({"names": sorted(z.namelist()), "manifest": m}))', file]).toString();
    const { names, manifest } = JSON.parse(listing) as { names: string[]; manifest: { files: { name: string; sha256: string }[]; logHead: string; recipient: unknown; declaration: unknown } };
    expect(names).toEqual(['hit.json', 'images/plate.png', 'images/vehicle.png', 'manifest.json', 'trail.json']);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(['hit.json', 'images/plate.png', 'images/vehicle.png', 'trail.json']);
    expect(manifest.files.find((f) => f.name === 'images/plate.png')?.sha256).toBe(sha256(Buffer.from(PLATE_PNG, 'base64')));
    expect(manifest.logHead).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.recipient).toEqual({ agency: 'Lake County Sheriff', state: 'IN' });
    expect(manifest.declaration).toEqual(DECLARATION);
    const verify = (await t.api('GET', '/audit/verify', { token: supervisor })).body as { head: string };
    expect(manifest.logHead).toBe(verify.head);

    const ok = await runCli(['evidence', 'verify', file]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok: 4 files match the manifest');

    const image = Buffer.from(PLATE_PNG, 'base64');
    const at = zip.indexOf(image);
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(zip);
    tampered[at + 20] = (tampered[at + 20] ?? 0) ^ 0x01;
    writeFileSync(file, tampered);
    const bad = await runCli(['evidence', 'verify', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAILED images\/plate\.png: SHA-256 [0-9a-f]{64} differs/m);
  });

  it('counts the exports in the sharing report and shows them in the alert trail', async () => {
    const report = (await sharing()) as { shared: { agency: string; state: string; exports: number }[] };
    expect(report.shared).toEqual(
      expect.arrayContaining([
        { agency: 'Lake County Sheriff', state: 'IN', exports: 1 },
        { agency: 'Cook County State’s Attorney', state: 'IL', exports: 1 },
      ]),
    );
    const trail = (await t.api('GET', `/alerts/${encodeURIComponent(alertId)}`, { token: supervisor })).body as { exports: { action: string; detail: string }[] };
    expect(trail.exports.map((e) => e.detail)).toEqual(expect.arrayContaining(['to Lake County Sheriff (IN); case 2026-004417']));
  });
});
