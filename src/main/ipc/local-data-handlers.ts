/**
 * `localData:delete` (src/shared/ipc-local-data.ts): the signed-in user's inbox, outbox and key
 * are deleted from this desk and the user is signed out. The desk is closed first, so no
 * acknowledgement can be queued between the count and the deletion; when one was, the desk opens
 * again and the answer says how many are waiting.
 */
import type { ClientServices } from '../client-app.js';
import { deleteLocalData } from '../services/local-data.js';
import type { IpcHandlers } from './router.js';

export function localDataHandlers(core: ClientServices): Pick<IpcHandlers, 'localData:delete'> {
  const pending = (unsent: number) => ({
    ok: false as const,
    unsent,
    error: {
      code: 'acks_pending',
      message: `${unsent} acknowledgement${unsent === 1 ? ' has' : 's have'} not reached the hub yet. Nothing was deleted: try again once the desk is receiving alerts and they are sent.`,
    },
  });
  return {
    'localData:delete': async () => {
      const desk = core.desks.current();
      const user = core.session.currentUser();
      if (!desk || !user) return { ok: false, error: { code: 'signed_out', message: 'Sign in to delete your local data.' } };
      if (desk.outbox.counts().unsent > 0) return pending(desk.outbox.counts().unsent);
      await core.desks.close();
      const unsent = desk.outbox.counts().unsent;
      if (unsent > 0) {
        await core.desks.open(user);
        return pending(unsent);
      }
      await deleteLocalData({ dataDir: core.dataDir, vault: core.ports.vault, logger: core.ports.logger }, user.id, { keepOutbox: false, why: 'asked in Settings' });
      await core.session.signOut('local_data_deleted');
      return { ok: true };
    },
  };
}
