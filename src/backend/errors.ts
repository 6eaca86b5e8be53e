/** An error with an HTTP status and a docs/protocol.md code; the HTTP layer turns it into the error body. */
export interface Issue {
  path: string;
  message: string;
}

export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: Issue[]; retryAfter?: number } = {},
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'missing or invalid credentials'): HubError => new HubError(401, 'unauthorized', message);
export const forbidden = (message = 'your roles do not allow this'): HubError => new HubError(403, 'forbidden', message);
export const notFound = (what = 'resource'): HubError => new HubError(404, 'not_found', `${what} not found`);
