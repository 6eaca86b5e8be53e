/**
 * Handlers of the supervisor's review channels (src/shared/ipc-review.ts). Each asks the hub through
 * `askHub`: the token stays here, and a refusal (a 403 for a user who is not a supervisor, a 400's
 * issues) reaches the screen in words.
 */
import type { IpcHandlers } from './router.js';
import { askHub, type HubCaller } from './hub-call.js';
import {
  alertTrail,
  checkChain,
  download,
  exportsRecorded,
  logPage,
  metrics,
  monthly,
  people,
  refusals,
  sharing,
} from '../services/hub-review-api.js';

type ReviewChannel = Extract<keyof IpcHandlers, `review:${string}`>;

export function reviewHandlers(core: HubCaller & { now(): number }): Pick<IpcHandlers, ReviewChannel> {
  return {
    'review:log': (filter) => askHub(core, (hub, token) => logPage(hub, token, filter)),
    'review:refusals': (filter) => askHub(core, (hub, token) => refusals(hub, token, filter)),
    'review:trail': ({ alertId }) => askHub(core, (hub, token) => alertTrail(hub, token, alertId)),
    'review:chain': () => askHub(core, (hub, token) => checkChain(hub, token, core.now)),
    'review:people': () => askHub(core, (hub, token) => people(hub, token)),
    'review:metrics': ({ since, until, unit }) =>
      askHub(core, (hub, token) => metrics(hub, token, since, until, unit)),
    'review:monthly': ({ month, unit }) => askHub(core, (hub, token) => monthly(hub, token, month, unit)),
    'review:sharing': ({ month }) => askHub(core, (hub, token) => sharing(hub, token, month)),
    'review:exports': () => askHub(core, (hub, token) => exportsRecorded(hub, token)),
    'review:download': (request) => askHub(core, (hub, token) => download(hub, token, request)),
  };
}
