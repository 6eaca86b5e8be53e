/**
 * A refusal in the hub's terms: an HTTP status and a docs/protocol.md error code. The hub throws it
 * and its HTTP layer turns it into the error body; the desk rebuilds it from that body, so both
 * sides read the same fields (a 400's per-field `issues`, a 429's `retryAfter`).
 */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface HubErrorExtra {
  issues?: FieldIssue[];
  /** Seconds, as the hub's Retry-After. */
  retryAfter?: number;
}

export class HubError extends Error {
  constructor(
    /** 0 when the hub was never reached (network, refused URL). */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: HubErrorExtra = {},
  ) {
    super(message);
  }

  get issues(): FieldIssue[] | undefined {
    return this.extra.issues;
  }

  get retryAfter(): number | undefined {
    return this.extra.retryAfter;
  }
}
