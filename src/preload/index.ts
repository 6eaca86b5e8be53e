/**
 * The preload: the renderer's only bridge to the main process. It puts `window.tas` (TasApi of
 * src/shared/ipc.ts) in the page through contextBridge, with exactly the contract's channel names:
 * an unknown channel is refused here already, and the main side checks everything again. It gives
 * the page no ipcRenderer, no Node and no environment.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES, type TasApi } from '../shared/ipc.js';

/** What the main side's IpcRouter answers (src/main/ipc/router.ts RouterResult). */
type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const invokable = new Set<string>(INVOKE_CHANNEL_NAMES);
const events = new Set<string>(EVENT_CHANNEL_NAMES);

const api: TasApi = {
  async invoke(channel, request) {
    if (!invokable.has(channel)) throw new Error(`unknown channel ${String(channel)}`);
    const answer = (await ipcRenderer.invoke(channel, request)) as Answer;
    if (answer.ok) return answer.value as never;
    // The same error the browser host's bridge rejects with: message, and the contract's code.
    throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
  },
  on(channel, listener) {
    if (!events.has(channel)) throw new Error(`unknown event ${String(channel)}`);
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tas', api);
