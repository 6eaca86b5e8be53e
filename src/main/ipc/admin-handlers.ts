/**
 * Handlers of the admin's channels (src/shared/ipc-admin.ts): users, ingest keys, the policy and
 * its history. Each asks the hub through `askHub`: the token stays here, the hub decides who may
 * (a non-admin gets its 403 in words), and a 400's issues reach the field they name.
 */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import {
  createKey,
  createUser,
  endSessions,
  listKeys,
  listUsers,
  policyHistory,
  putPolicy,
  resetPassword,
  revokeKey,
  unlockUser,
  updateUser,
} from '../services/hub-accounts-api.js';

type AdminHandlers = Pick<
  IpcHandlers,
  | 'admin:users'
  | 'admin:createUser'
  | 'admin:updateUser'
  | 'admin:unlockUser'
  | 'admin:resetPassword'
  | 'admin:endSessions'
  | 'admin:keys'
  | 'admin:createKey'
  | 'admin:revokeKey'
  | 'admin:policy'
  | 'admin:setPolicy'
  | 'admin:policyHistory'
>;

export function adminHandlers(core: HubCaller): AdminHandlers {
  const done = <T>(work: Promise<T>): Promise<true> => work.then(() => true as const);
  return {
    'admin:users': () => askHub(core, (hub, token) => listUsers(hub, token)),
    'admin:createUser': (user) => askHub(core, (hub, token) => createUser(hub, token, user)),
    'admin:updateUser': ({ id, patch }) => askHub(core, (hub, token) => updateUser(hub, token, id, patch)),
    'admin:unlockUser': ({ id }) => askHub(core, (hub, token) => done(unlockUser(hub, token, id))),
    'admin:resetPassword': ({ id }) => askHub(core, async (hub, token) => ({ temporaryPassword: await resetPassword(hub, token, id) })),
    'admin:endSessions': ({ id }) => askHub(core, (hub, token) => done(endSessions(hub, token, id))),
    'admin:keys': () => askHub(core, (hub, token) => listKeys(hub, token)),
    'admin:createKey': ({ name }) => askHub(core, (hub, token) => createKey(hub, token, name)),
    'admin:revokeKey': ({ id }) => askHub(core, (hub, token) => done(revokeKey(hub, token, id))),
    'admin:policy': () => askHub(core, (hub, token) => hub.policy(token)),
    'admin:setPolicy': (policy) => askHub(core, (hub, token) => putPolicy(hub, token, policy)),
    'admin:policyHistory': () => askHub(core, (hub, token) => policyHistory(hub, token)),
  };
}
