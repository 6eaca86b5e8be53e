/**
 * docs/protocol.md conformance, "Operating the hub": `serve` prints exactly one line, `listening on
 * http://HOST:PORT`, with the host it was given, and exits 0 when stopped; `--simulate` ingests;
 * `audit verify` exits 0 on a holding chain (an empty one too); `npm run hub -- ARGS` is the same
 * program; every kind of bad argument (no command included) answers one line and status 2.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { REPO_ROOT, runCli, spawnHub } from '../support/hub.js';
import { TEST_PASSWORD } from '../support/passwords.js';
import { waitFor } from '../support/wait.js';

const lastLine = (s: string): string => s.trim().split('\n').at(-1) ?? '';

// Every run starts tsx; on a loaded two-core machine a test of several runs needs minutes, not seconds.
describe('docs/protocol.md command line', { timeout: 300_000 }, () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'opentas-proto-cli-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('serve prints exactly one line, listening on http://HOST:PORT with the given host, and exits 0 on SIGTERM', async () => {
    const hub = await spawnHub(dir(), ['--host', '127.0.0.1']);
    let code: number | null = -1;
    try {
      const m = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(hub.lines[0] ?? '');
      expect(m, hub.lines.join('\n')).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0);
      expect(hub.url).toBe(`http://127.0.0.1:${m![1]}`);
      expect((await call(hub.url, 'GET', '/health')).body.status).toBe('ok');
    } finally {
      code = await hub.stop('SIGTERM');
    }
    expect(code).toBe(0);
    expect(hub.lines).toHaveLength(1);
  });

  it('serve --simulate RATE ingests simulated Illinois hits', async () => {
    const data = dir();
    expect((await runCli(['user', 'add', '--data', data, '--username', 'sup1', '--password', TEST_PASSWORD, '--roles', 'supervisor'])).code).toBe(0);
    const hub = await spawnHub(data, ['--simulate', '6000']);
    try {
      expect(hub.lines.filter((l) => l.startsWith('listening on '))).toHaveLength(1);
      const login = await call(hub.url, 'POST', '/session', { body: { username: 'sup1', password: TEST_PASSWORD } });
      const items = await waitFor(async () => {
        const res = await call(hub.url, 'GET', '/alerts?limit=5', { token: login.body.accessToken });
        return res.body.items.length > 0 && res.body.items;
      }, 'a simulated hit');
      const hit = items[0].hit;
      expect(hit.location.lat).toBeGreaterThan(36.9);
      expect(hit.location.lat).toBeLessThan(42.6);
      expect(hit.location.lon).toBeGreaterThan(-91.6);
      expect(hit.location.lon).toBeLessThan(-87.4);
    } finally {
      await hub.stop();
    }
  });

  it('user add prints the TOTP secret (base32) last; key add prints the key last; both exit 0', async () => {
    const data = dir();
    const user = await runCli(['user', 'add', '--data', data, '--username', 'otp1', '--password', TEST_PASSWORD, '--roles', 'trooper', '--totp']);
    expect(user.code).toBe(0);
    expect(lastLine(user.stdout)).toMatch(/^[A-Z2-7]+=*$/);
    const key = await runCli(['key', 'add', '--data', data, '--name', 'vendor-b']);
    expect(key.code).toBe(0);
    const secret = lastLine(key.stdout);
    const hub = await spawnHub(data);
    try {
      const res = await call(hub.url, 'POST', '/hits', { token: secret, body: { id: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_hit');
    } finally {
      await hub.stop();
    }
  });

  it('audit verify exits 0 on an empty log, and 2 on a folder that holds no store (1.1)', async () => {
    const data = dir();
    expect((await runCli(['audit', 'verify', '--data', data])).code).toBe(2);
    expect((await runCli(['key', 'add', '--data', data, '--name', 'k'])).code).toBe(0);
    const res = await runCli(['audit', 'verify', '--data', data]);
    expect(res.code).toBe(0);
  });

  it('npm run hub -- ARGS runs the same program', async () => {
    const run = (args: string[]) => new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'hub', '--', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.once('exit', (code) => resolve({ code, stdout }));
    });
    const data = dir();
    const key = await run(['key', 'add', '--data', data, '--name', 'via-npm']);
    expect(key.code).toBe(0);
    expect(lastLine(key.stdout)).toMatch(/\S{16,}/);
    expect((await run(['audit', 'verify', '--data', data])).code).toBe(0);
    expect((await run(['audit', 'verify'])).code).toBe(2);
  });

  it('answers every kind of bad argument with one line and status 2', async () => {
    const data = dir();
    const cases = [
      [],
      ['serve'],
      ['serve', '--port', '70000', '--data', data],
      ['serve', '--port', '-1', '--data', data],
      ['serve', '--port', '0'],
      ['serve', '--port', '0', '--data', data, '--simulate', 'fast'],
      ['serve', '--port', '0', '--data', data, 'extra'],
      ['user'],
      ['user', 'add', '--data', data, '--password', TEST_PASSWORD, '--roles', 'trooper'],
      ['user', 'add', '--data', data, '--username', 'x', '--roles', 'trooper'],
      ['user', 'add', '--data', data, '--username', 'x', '--password', TEST_PASSWORD],
      ['user', 'add', '--username', 'x', '--password', TEST_PASSWORD, '--roles', 'trooper'],
      ['user', 'add', '--data', data, '--username', 'x', '--password', TEST_PASSWORD, '--roles', 'trooper', '--totp=yes'],
      ['key'],
      ['key', 'add', '--name', 'k'],
      ['key', 'add', '--data', data, '--name'],
      ['audit'],
      ['audit', 'verify'],
      ['audit', 'check', '--data', data],
      ['audit', 'verify', '--data', data, '--fix'],
    ];
    // A few at a time: each run starts tsx, and twenty at once starve a two-core machine.
    const results: Awaited<ReturnType<typeof runCli>>[] = [];
    for (let i = 0; i < cases.length; i += 3) results.push(...(await Promise.all(cases.slice(i, i + 3).map((args) => runCli(args)))));
    results.forEach((r, i) => {
      const label = `opentas-hub ${cases[i]!.join(' ')}`;
      expect(r.code, label).toBe(2);
      const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
      expect(lines, label).toHaveLength(1);
      expect(lines[0]!.length, label).toBeGreaterThan(0);
    });
  });
});
