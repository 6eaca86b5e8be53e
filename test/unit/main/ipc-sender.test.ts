import { describe, expect, it } from 'vitest';
import { IpcRouter, type IpcHandlers } from '../../../src/main/ipc/router.js';
import { frameSender } from '../../../src/main/platform/origin.js';

/** Every handler of the contract, recording that it ran; `activity:ping` answers ok. */
function recordingHandlers(ran: string[]): IpcHandlers {
  return new Proxy({} as IpcHandlers, {
    get: (_target, channel: string) => async () => {
      ran.push(channel);
      return { ok: true };
    },
  });
}

/** Electron's frames as the main process sees them (WebFrameMain): a URL, compared by identity. */
const frame = (url: string): { url: string } => ({ url });

describe('IPC sender validation (Electron security checklist item 17)', () => {
  it("answers the app's own main frame", async () => {
    const ran: string[] = [];
    const router = new IpcRouter(recordingHandlers(ran), ['app://opentas']);
    const main = frame('app://opentas/index.html#popup');
    expect(await router.handle('activity:ping', undefined, frameSender(main, main))).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(ran).toEqual(['activity:ping']);
  });

  it('refuses a subframe, another origin, a file:// page and a frame already gone, before any handler runs', async () => {
    const ran: string[] = [];
    const logged: string[] = [];
    const router = new IpcRouter(recordingHandlers(ran), ['app://opentas'], (m) => logged.push(m));
    const main = frame('app://opentas/index.html');
    const senders = [
      frameSender(frame('app://opentas/index.html'), main), // an iframe of our own page: not the main frame
      frameSender(frame('https://evil.example/'), frame('https://evil.example/')),
      frameSender(frame('app://evil/index.html'), null),
      frameSender(frame('file:///tmp/x.html'), frame('file:///tmp/x.html')),
      frameSender(null, main),
    ];
    expect(senders.map((s) => s.origin)).toEqual([
      'app://opentas',
      'https://evil.example',
      'app://evil',
      'null',
      'null',
    ]);
    for (const sender of senders) {
      expect(await router.handle('activity:ping', undefined, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(ran).toEqual([]);
    expect(logged).toHaveLength(senders.length);
  });
});
