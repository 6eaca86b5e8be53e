/**
 * How an IPC handler asks the hub something on the signed-in user's behalf: the token stays in the
 * main process, and whatever goes wrong comes back as an `{ok: false, error}` the renderer can put
 * in words (the hub's own code and message for a 403 or a 400 with issues, "signed out" when there
 * is no session). Every screen that reads or changes hub data (zones, users, the log, reports)
 * goes through `askHub`, so none of them can forget a case.
 */
import type { IpcError } from '../../shared/ipc.js';
import { HubError } from '../../shared/hub-error.js';
import type { HubApi } from '../services/hub-api.js';
import type { Session } from '../services/session.js';

export type HubAnswer<T> = { ok: true; value: T } | { ok: false; error: IpcError & { status?: number; issues?: { path: string; message: string }[] } };

export interface HubCaller {
  session: Pick<Session, 'token'>;
  hub(): HubApi;
}

export async function askHub<T>(core: HubCaller, ask: (hub: HubApi, token: string) => Promise<T>): Promise<HubAnswer<T>> {
  const token = await core.session.token();
  if (!token) return { ok: false, error: { code: 'signed_out', message: 'Sign in first.' } };
  try {
    return { ok: true, value: await ask(core.hub(), token) };
  } catch (err) {
    if (err instanceof HubError) {
      return {
        ok: false,
        error: {
          code: err.code,
          message: err.status === 403 ? `Not allowed: ${err.message}` : err.message,
          status: err.status,
          ...(err.issues ? { issues: err.issues } : {}),
        },
      };
    }
    return { ok: false, error: { code: 'failed', message: (err as Error).message } };
  }
}
