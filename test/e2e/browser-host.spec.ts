/**
 * The browser host's own guarantees: a strict CSP on the page, the bridge loaded before the
 * renderer, only files of dist-web served, and a WebSocket from any other origin, or without this
 * launch's key, refused before any IPC; messages that break the contract get a clear error and
 * change nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost } from '../../src/webhost/web-host.js';
import { expect, signIn, test } from './fixtures.js';

/** A socket to the host's /ipc from node, as any local process could open one; `key` undefined sends none. */
function socket(hostOrigin: string, origin: string, key?: string): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const query = key === undefined ? '' : `?key=${encodeURIComponent(key)}`;
    const ws = new WebSocket(`${hostOrigin.replace(/^http/, 'ws')}/ipc${query}`, { headers: { Origin: origin } });
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
  });
}

function ask(ws: WebSocket, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((ok) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in m) return;
      ws.off('message', onMessage);
      ok(m);
    };
    ws.on('message', onMessage);
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

test('the page has a strict CSP and the bridge runs before the renderer', async ({ request, desk }) => {
  const res = await request.get(desk.host.url);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  const html = await res.text();
  expect(html.indexOf('tas-bridge.js')).toBeGreaterThan(0);
  expect(html.indexOf('tas-bridge.js')).toBeLessThan(html.indexOf('type="module"'));
  const bridge = await (await request.get(`${desk.host.origin}/tas-bridge.js`)).text();
  expect(bridge).toContain('"alerts:list"');
  expect(bridge).not.toContain('__TAS_INVOKE_CHANNELS__;');
  expect((await request.get(`${desk.host.origin}/..%2Fpackage.json`)).status()).toBe(404);
  expect((await request.get(`${desk.host.origin}/assets/..%2F..%2Fpackage.json`)).status()).toBe(404);
  // A path that is not one (a broken %-escape) is the asker's mistake, not the host's: 400, and the host lives on.
  expect((await request.get(`${desk.host.origin}/%E0%A4%A`)).status()).toBe(400);
  expect((await request.get(desk.host.url)).status()).toBe(200);
});

test('a WebSocket from another origin is refused; bad messages get clear errors', async ({ desk }) => {
  const own = desk.host.origin;
  await expect(socket(own, 'http://evil.example', desk.host.key)).rejects.toThrow(/403/);
  await expect(socket(own, '', desk.host.key)).rejects.toThrow(/403/);

  const ws = await socket(own, own, desk.host.key);
  try {
    expect(await ask(ws, { id: 1, channel: 'fs:read', request: {} })).toMatchObject({ id: 1, error: { code: 'unknown_channel' } });
    expect(await ask(ws, { id: 2, channel: 'ack:send', request: { alertId: '', type: 'nonsense' } })).toMatchObject({ id: 2, error: { code: 'invalid_request' } });
    expect(await ask(ws, 'not json')).toMatchObject({ error: { code: 'invalid_message' } });
    expect(await ask(ws, { id: 3, channel: 'session:state' })).toMatchObject({ id: 3, result: { signedIn: false } });
  } finally {
    ws.close();
  }
});

test('a local process with the right origin but without this launch key gets no IPC answer', async ({ desk }) => {
  // A host of its own, to read what it logs.
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'opentas-key-'));
  const host = await startWebHost({ hubUrl: desk.hub.url, dataDir: dir, port: 0, log: (l) => void lines.push(l) });
  try {
    const own = host.origin;
    // Another local user forging the loopback Origin: no key, an empty one, a wrong key of the right length, a truncated key.
    const wrong = host.key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(socket(own, own)).rejects.toThrow(/401/);
    await expect(socket(own, own, '')).rejects.toThrow(/401/);
    await expect(socket(own, own, wrong)).rejects.toThrow(/401/);
    await expect(socket(own, own, host.key.slice(0, -1))).rejects.toThrow(/401/);
    // Each launch has its own key, 32 random bytes in base64url, in the URL the host gives.
    expect(host.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.key).not.toBe(desk.host.key);
    expect(host.url).toBe(`${own}/?key=${host.key}`);
    // Another launch's key does not open this one.
    await expect(socket(own, own, desk.host.key)).rejects.toThrow(/401/);
    // The refusals are logged, the presented keys are not.
    const log = lines.join('');
    expect(lines.filter((l) => l.includes('launch key'))).toHaveLength(5);
    for (const k of [wrong, host.key.slice(0, -1), desk.host.key]) expect(log).not.toContain(k);

    const ws = await socket(own, own, host.key);
    try {
      expect(await ask(ws, { id: 1, channel: 'session:state' })).toMatchObject({ id: 1, result: { signedIn: false } });
    } finally {
      ws.close();
    }
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the page takes the key out of its URL and still works after a reload', async ({ page, desk }) => {
  await signIn(page, desk);
  expect(page.url()).not.toContain('key=');
  expect(page.url()).not.toContain(desk.host.key);
  await page.reload();
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
  // A screen opened by its route with the key still lands on that screen.
  await page.goto(`${desk.host.url}#/settings`);
  await expect(page).toHaveURL(/#\/settings$/);
  expect(page.url()).not.toContain('key=');
  await expect(page.getByTestId('link-state')).toHaveText(/Receiving alerts/);
});
