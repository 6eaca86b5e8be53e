/** The evidence export's channel (src/shared/ipc-evidence.ts): the package is saved in DATA/evidence. */
import { join } from 'node:path';
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import { exportEvidence } from '../services/hub-evidence-api.js';

export function evidenceHandlers(core: HubCaller & { dataDir: string }): Pick<IpcHandlers, 'evidence:export'> {
  return {
    'evidence:export': (request) => askHub(core, (hub, token) => exportEvidence(hub, token, join(core.dataDir, 'evidence'), request)),
  };
}
