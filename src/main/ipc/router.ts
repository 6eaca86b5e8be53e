/**
 * The main side of the IPC contract: one router for every host (Electron's ipcMain, the browser
 * host's WebSocket). It refuses a message from an untrusted sender, an unknown channel or a request
 * that does not match the contract's schema, before any handler runs, and checks that the handler's
 * answer matches the contract too (so a bug can never leak a field the renderer should not see).
 */
import type { z } from 'zod';
import {
  invokeChannels,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcError,
} from '../../shared/ipc.js';

/** Who sent a message: the host fills it in from its transport (frame URL, WebSocket origin). */
export interface IpcSender {
  /** The origin of the page that sent it, e.g. `app://opentas` or `http://127.0.0.1:5173`. */
  origin: string;
  /** False when it came from a subframe (Electron) or anything but the app's page. */
  isMainFrame: boolean;
}

export type IpcHandlers = {
  [C in InvokeChannel]: (request: z.output<(typeof invokeChannels)[C]['request']>) => Promise<InvokeResponse<C>>;
};

export type RouterResult = { ok: true; value: unknown } | { ok: false; error: IpcError };

export class IpcRouter {
  constructor(
    private readonly handlers: IpcHandlers,
    private readonly trustedOrigins: readonly string[],
    private readonly log: (message: string) => void = () => {},
  ) {}

  async handle(channel: unknown, request: unknown, sender: IpcSender): Promise<RouterResult> {
    if (!sender.isMainFrame || !this.trustedOrigins.includes(sender.origin)) {
      this.log(`ipc: refused a message from untrusted sender ${sender.origin}`);
      return { ok: false, error: { code: 'forbidden_sender', message: 'Messages are accepted only from the app itself.' } };
    }
    if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) {
      this.log(`ipc: refused unknown channel ${String(channel).slice(0, 64)}`);
      return { ok: false, error: { code: 'unknown_channel', message: 'No such channel.' } };
    }
    const name = channel as InvokeChannel;
    const spec = invokeChannels[name];
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) {
      this.log(`ipc: refused a malformed ${name} request`);
      return {
        ok: false,
        error: { code: 'invalid_request', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ') },
      };
    }
    try {
      const handler = this.handlers[name] as (r: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        this.log(`ipc: handler for ${name} answered outside the contract: ${checked.error.message}`);
        return { ok: false, error: { code: 'internal', message: 'The app could not answer that request.' } };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      this.log(`ipc: handler for ${name} failed: ${(err as Error).message}`);
      return { ok: false, error: { code: 'internal', message: 'The app could not answer that request.' } };
    }
  }
}

export type { InvokeRequest };
