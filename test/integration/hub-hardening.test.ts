/**
 * Hub hardening of 1.1, against real hubs and their files: the data folder 0700 and its files
 * 0600 (also a folder an older hub left open); the signing key out of the database and TOTP
 * secrets sealed (an older folder's clear ones are sealed at start); a node with another key
 * refuses to start; the security audit trail hash-chained and checked by `audit verify`; every
 * read of an alert's CJI recorded; the CLI reading a password from stdin.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/backend/auth/totp.js';
import { systemClock } from '../../src/backend/clock.js';
import { startHub } from '../../src/backend/server.js';
import { ackEvent } from '../support/acks.js';
import { makeHit } from '../support/hits.js';
import { REPO_ROOT, hubCommand, runCli, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('hub hardening (1.1)', () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'opentas-hardening-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('makes the data folder 0700 and its files 0600, also a folder an older hub left world-readable', async () => {
    const data = join(dir(), 'hub-data');
    const first = await startTestHub({ keepDataDir: data });
    await first.stop();
    chmodSync(data, 0o755);
    chmodSync(join(data, 'hub.sqlite'), 0o644);
    const t = await startTestHub({ keepDataDir: data });
    try {
      await t.signedIn(['trooper']); // something written, so the WAL exists
      expect(mode(data)).toBe(0o700);
      for (const f of ['hub.sqlite', 'hub.sqlite-wal', 'hub.key']) expect(mode(join(data, f)), f).toBe(0o600);
    } finally {
      await t.stop();
    }
  });

  it('keeps the signing key out of the database and seals TOTP secrets; seals the clear ones an older hub stored', async () => {
    const t = await startTestHub({ clock: systemClock });
    const user = await t.addUser(['trooper'], { totp: true });
    await t.stop();
    const db = new Database(join(t.dataDir, 'hub.sqlite'));
    const secrets = (db.prepare('SELECT name FROM secrets').all() as { name: string }[]).map((r) => r.name);
    expect(secrets).not.toContain('jwt-hs256');
    const stored = (db.prepare('SELECT totp_secret FROM users WHERE id = ?').get(user.id) as { totp_secret: string }).totp_secret;
    expect(stored).toMatch(/^sealed1:/);
    expect(stored).not.toContain(user.totpSecret);
    // What a pre-1.1 hub left: a clear signing key in the database and a clear TOTP secret.
    db.prepare("INSERT INTO secrets (name, value) VALUES ('jwt-hs256', ?)").run(randomBytes(32).toString('base64'));
    db.prepare('UPDATE users SET totp_secret = ? WHERE id = ?').run(user.totpSecret, user.id);
    db.close();
    const again = await startTestHub({ keepDataDir: t.dataDir, clock: systemClock });
    try {
      const db2 = new Database(join(t.dataDir, 'hub.sqlite'), { readonly: true });
      expect(db2.prepare("SELECT 1 FROM secrets WHERE name = 'jwt-hs256'").get()).toBeUndefined();
      expect((db2.prepare('SELECT totp_secret FROM users WHERE id = ?').get(user.id) as { totp_secret: string }).totp_secret).toMatch(/^sealed1:/);
      db2.close();
      const res = await again.api('POST', '/session', { body: { username: user.username, password: user.password, otp: totpNow(user.totpSecret!, systemClock) } });
      expect(res.status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('refuses to start with a key other than the one the store was set up with', async () => {
    const data = dir();
    const t = await startTestHub({ keepDataDir: data });
    await t.stop();
    writeFileSync(join(data, 'hub.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
    await expect(startHub({ port: 0, dataDir: data })).rejects.toThrow(/not the one the store was set up with/);
    await expect(startHub({ port: 0, dataDir: data, secret: 'too-short' })).rejects.toThrow(/at least 32 characters/);
  });

  it('chains the security audit trail: verify holds, a hand edit is found by the API and by audit verify', async () => {
    const t = await startTestHub();
    const sup = await t.signedIn(['supervisor']);
    await t.api('POST', '/session', { body: { username: 'ghost', password: 'Wrong-Password-1' } });
    const ok = await t.api('GET', '/audit/events/verify', { token: sup.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, entries: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(ok.body.entries).toBeGreaterThan(3);
    const trooper = await t.signedIn(['trooper']);
    expect((await t.api('GET', '/audit/events/verify', { token: trooper.token })).status).toBe(403);
    await t.stop();
    const clean = await runCli(['audit', 'verify', '--data', t.dataDir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/security audit ok: \d+ events/);
    // Someone with the sqlite3 shell switches the guard off and rewrites who failed to sign in.
    const db = new Database(join(t.dataDir, 'hub.sqlite'));
    const ghost = db.prepare("SELECT id FROM audit_events WHERE username = 'ghost'").get() as { id: number };
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET username = 'nobody' WHERE id = ?").run(ghost.id);
    db.close();
    const broken = await runCli(['audit', 'verify', '--data', t.dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`security audit chain broken at event ${ghost.id}`);
    const again = await startTestHub({ keepDataDir: t.dataDir });
    try {
      const token = (await again.login(sup.user)).accessToken;
      expect((await again.api('GET', '/audit/events/verify', { token })).body).toMatchObject({ ok: false, firstBadId: ghost.id });
    } finally {
      await again.close();
    }
  }, 180_000);

  it('records every read of an alert (who, which alert, when)', async () => {
    const t = await startTestHub();
    try {
      const sup = await t.signedIn(['supervisor']);
      const hit = makeHit();
      await t.postHit(hit);
      expect((await t.api('GET', `/alerts/${hit.id}`, { token: sup.token })).status).toBe(200);
      expect((await t.api('GET', '/alerts', { token: sup.token })).status).toBe(200);
      const admin = await t.signedIn(['admin']);
      const items = (await t.api('GET', '/audit/events?limit=1000', { token: admin.token })).body.items;
      expect(items).toContainEqual(expect.objectContaining({ action: 'alert_read', userId: sup.user.id, detail: expect.objectContaining({ alertId: hit.id }), at: expect.any(String) }));
      expect(items).toContainEqual(expect.objectContaining({ action: 'alert_list_read', userId: sup.user.id, detail: { alertIds: [hit.id] } }));
    } finally {
      await t.close();
    }
  });

  it("records reads of the Troop view and of the log's plates as reads of those alerts", async () => {
    const t = await startTestHub();
    try {
      const me = await t.signedIn(['trooper']);
      const desk = t.connect({ token: me.token, clientId: 'reads' });
      await desk.ready();
      const hit = makeHit();
      await t.postHit(hit);
      await waitFor(() => desk.alerts.some((a) => a.alert.id === hit.id), 'the alert');
      expect((await desk.sendAck(ackEvent(hit.id, 'acknowledged'))).ok).toBe(true);
      const disp = await t.signedIn(['dispatcher']);
      const sup = await t.signedIn(['supervisor']);
      expect((await t.api('GET', '/troop/alerts', { token: disp.token })).status).toBe(200);
      expect((await t.api('GET', '/acks', { token: sup.token })).status).toBe(200);
      const admin = await t.signedIn(['admin']);
      const items = (await t.api('GET', '/audit/events?limit=1000', { token: admin.token })).body.items;
      expect(items).toContainEqual(expect.objectContaining({ action: 'alert_list_read', userId: disp.user.id, detail: { alertIds: [hit.id] } }));
      expect(items).toContainEqual(expect.objectContaining({ action: 'alert_list_read', userId: sup.user.id, detail: { alertIds: [hit.id] } }));
    } finally {
      await t.close();
    }
  });

  it('user add reads the password from stdin (--password-stdin); --password still works, with a warning', async () => {
    const data = dir();
    const child = spawn(process.execPath, [...hubCommand(), 'user', 'add', '--data', data, '--username', 'stdin1', '--password-stdin', '--roles', 'trooper'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end('Stdin-Pass-2026\n');
    expect(await new Promise((resolve) => child.once('exit', resolve)), stderr).toBe(0);
    const legacy = await runCli(['user', 'add', '--data', data, '--username', 'argv1', '--password', 'Argv-Pass-2026', '--roles', 'trooper']);
    expect(legacy.code).toBe(0);
    expect(legacy.stderr).toMatch(/warning: --password/);
    const none = await runCli(['user', 'add', '--data', data, '--username', 'none1', '--roles', 'trooper']);
    expect(none.code).toBe(2);
    const t = await startTestHub({ keepDataDir: data });
    try {
      expect((await t.api('POST', '/session', { body: { username: 'stdin1', password: 'Stdin-Pass-2026' } })).status).toBe(200);
      expect((await t.api('POST', '/session', { body: { username: 'argv1', password: 'Argv-Pass-2026' } })).status).toBe(200);
    } finally {
      await t.stop();
    }
  }, 180_000);
});
