/**
 * The acknowledgement log is append-only and tamper-evident: SQL UPDATE/DELETE are refused by
 * triggers, and a hand edit of the database file is found by `GET /audit/verify` and by
 * `opentas-hub audit verify`, which name the first bad entry.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIRMED, ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';

describe('tampering with the acknowledgement log', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses SQL updates and deletes, and finds a hand edit of the file', async () => {
    const t: TestHub = await startTestHub();
    dirs.push(t.dataDir);
    const { user, token } = await t.signedIn(['trooper']);
    const sup = await t.signedIn(['supervisor']);
    const desk = t.connect({ token, clientId: 'desk-tamper' });
    await desk.ready();
    const hit = makeHit();
    await t.postHit(hit);
    await desk.alertCount(1);
    expect((await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).ok).toBe(true);
    expect((await desk.sendAck(ackEvent(hit.id, 'verified', { verification: { ...CONFIRMED, queryReference: 'L-TAMPER-ME' } }))).ok).toBe(true);
    expect((await desk.sendAck(ackEvent(hit.id, 'action_taken', { action: { kind: 'located', caseNumber: '2026-77' } }))).ok).toBe(true);

    const db = new Database(join(t.dataDir, 'hub.sqlite'));
    expect(() => db.prepare("UPDATE ack_log SET body = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ack_log WHERE seq = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    db.close();
    expect((await t.api('GET', '/audit/verify', { token: sup.token })).body).toMatchObject({ ok: true, entries: 3 });
    await t.stop();

    const clean = await runCli(['audit', 'verify', '--data', t.dataDir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^ok: 3 entries/);

    // Edit the file's bytes the way someone with a hex editor would: same length, new meaning.
    const file = join(t.dataDir, 'hub.sqlite');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('L-TAMPER-ME');
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf('L-TAMPER-ME', at + 1)).toBe(-1);
    bytes.write('L-TAMPERED!', at);
    writeFileSync(file, bytes);

    const broken = await runCli(['audit', 'verify', '--data', t.dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/seq 2/);

    const again = await startTestHub({ keepDataDir: t.dataDir });
    const sup2 = await again.login({ username: sup.user.username, password: sup.user.password });
    const report = await again.api('GET', '/audit/verify', { token: sup2.accessToken });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: false, firstBadSeq: 2, entries: 1 });
    expect(user.id).toBeTruthy();
    await again.stop();
  });
});
