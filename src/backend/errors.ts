/** The hub's refusals: the shared HubError (src/shared/hub-error.ts); the HTTP layer turns one into the error body. */
import { HubError } from '../shared/hub-error.js';

export { HubError };

export const unauthorized = (message = 'missing or invalid credentials'): HubError => new HubError(401, 'unauthorized', message);
export const forbidden = (message = 'your roles do not allow this'): HubError => new HubError(403, 'forbidden', message);
export const notFound = (what = 'resource'): HubError => new HubError(404, 'not_found', `${what} not found`);
