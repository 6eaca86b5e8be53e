/**
 * The evidence export's channel (src/shared/ipc-evidence.ts). The package is saved in the signed-in
 * user's own folder (DATA/users/<user>/evidence): another trooper on the same OS account does not
 * find it, and "Delete my local data" removes it with the rest.
 */
import { join } from 'node:path';
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { exportEvidence } from '../services/hub-evidence-api.js';
import { userDataDir } from '../services/user-desk.js';
import type { Session } from '../services/session.js';

export function evidenceHandlers(core: HubCaller & { dataDir: string; session: Pick<Session, 'token' | 'view'> }): Pick<IpcHandlers, 'evidence:export'> {
  return {
    'evidence:export': (request) =>
      askHub(core, (hub, token) => {
        const userId = core.session.view().user?.id;
        if (!userId) throw new Error('Sign in first.');
        return exportEvidence(hub, token, join(userDataDir(core.dataDir, userId), 'evidence'), request);
      }),
  };
}
