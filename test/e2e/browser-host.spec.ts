/**
 * The browser host's own guarantees: a strict CSP on the page, the bridge loaded before the
 * renderer, only files of dist-web served, and a WebSocket from any other origin refused; messages
 * that break the contract get a clear error and change nothing.
 */
import WebSocket from 'ws';
import { expect, test } from './fixtures.js';

function socket(url: string, origin: string): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + 'ipc', { headers: { Origin: origin } });
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
  const bridge = await (await request.get(`${desk.host.url}tas-bridge.js`)).text();
  expect(bridge).toContain('"alerts:list"');
  expect(bridge).not.toContain('__TAS_INVOKE_CHANNELS__;');
  expect((await request.get(`${desk.host.url}..%2Fpackage.json`)).status()).toBe(404);
  expect((await request.get(`${desk.host.url}assets/..%2F..%2Fpackage.json`)).status()).toBe(404);
  // A path that is not one (a broken %-escape) is the asker's mistake, not the host's: 400, and the host lives on.
  expect((await request.get(`${desk.host.url}%E0%A4%A`)).status()).toBe(400);
  expect((await request.get(desk.host.url)).status()).toBe(200);
});

test('a WebSocket from another origin is refused; bad messages get clear errors', async ({ desk }) => {
  await expect(socket(desk.host.url, 'http://evil.example')).rejects.toThrow(/403/);
  await expect(socket(desk.host.url, '')).rejects.toThrow(/403/);

  const own = desk.host.url.replace(/\/$/, '');
  const ws = await socket(desk.host.url, own);
  try {
    expect(await ask(ws, { id: 1, channel: 'fs:read', request: {} })).toMatchObject({ id: 1, error: { code: 'unknown_channel' } });
    expect(await ask(ws, { id: 2, channel: 'ack:send', request: { alertId: '', type: 'nonsense' } })).toMatchObject({ id: 2, error: { code: 'invalid_request' } });
    expect(await ask(ws, 'not json')).toMatchObject({ error: { code: 'invalid_message' } });
    expect(await ask(ws, { id: 3, channel: 'session:state' })).toMatchObject({ id: 3, result: { signedIn: false } });
  } finally {
    ws.close();
  }
});
