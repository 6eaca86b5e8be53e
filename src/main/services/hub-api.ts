/**
 * The hub's HTTP API as the client uses it (docs/protocol.md, base path /api/v1). Every answer is
 * parsed with the protocol's zod schemas; an error becomes a HubError with the hub's code. TLS is
 * required except on loopback, so a token never crosses a network in clear text.
 */
import { z } from 'zod';
import { HubError } from '../../shared/hub-error.js';
import { AckEntry, Policy, Preferences, SessionTokens, Zone, type LoginRequest } from '../../shared/protocol/index.js';

const Issues = z.array(z.object({ path: z.string(), message: z.string() }));

/** The hub's one error body; a validation error's per-field `issues` sit beside `error` (docs/protocol.md). */
const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryAfter: z.number().optional(),
    issues: Issues.optional(),
  }),
  issues: Issues.optional(),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Refuses a hub URL that would send tokens in clear text over a network. */
export function checkHubUrl(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new HubError(0, 'insecure_hub_url', 'The hub must be reached over https (http only on this computer).');
}

export class HubApi {
  readonly base: string;

  constructor(
    hubUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = checkHubUrl(hubUrl).origin;
  }

  signIn(request: LoginRequest): Promise<SessionTokens> {
    return this.call('POST', '/session', SessionTokens, { body: request });
  }

  refresh(refreshToken: string): Promise<SessionTokens> {
    return this.call('POST', '/session/refresh', SessionTokens, { body: { refreshToken } });
  }

  async signOut(accessToken: string): Promise<void> {
    await this.call('DELETE', '/session', z.unknown(), { token: accessToken });
  }

  policy(accessToken: string): Promise<Policy> {
    return this.call('GET', '/policy', Policy, { token: accessToken });
  }

  zones(accessToken: string): Promise<Zone[]> {
    return this.call('GET', '/zones', z.union([z.array(Zone), z.object({ items: z.array(Zone) }).transform((b) => b.items)]), {
      token: accessToken,
    });
  }

  preferences(accessToken: string): Promise<Preferences> {
    return this.call('GET', '/me/preferences', Preferences, { token: accessToken });
  }

  setPreferences(accessToken: string, preferences: Preferences): Promise<Preferences> {
    return this.call('PUT', '/me/preferences', Preferences, { token: accessToken, body: preferences });
  }

  /** The hub's acknowledgement trail of one alert (entries the stream may have pushed while offline). */
  async trail(accessToken: string, alertId: string): Promise<AckEntry[]> {
    const body = await this.call('GET', `/alerts/${encodeURIComponent(alertId)}`, z.object({ trail: z.array(AckEntry) }), { token: accessToken });
    return body.trail;
  }

  async banner(): Promise<string> {
    return (await this.call('GET', '/banner', z.object({ text: z.string() }), {})).text;
  }

  /**
   * One request to the hub, its answer parsed with `schema`. Public so that each domain's client
   * (zones, users, the log, reports) is a small file of its own built on it.
   */
  async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    /** `timeoutMs`: this call's own limit, for the few reads that are long by nature (default: the client's). */
    options: { token?: string; body?: unknown; timeoutMs?: number },
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
    } catch (err) {
      throw new HubError(0, 'hub_unreachable', `The hub could not be reached (${(err as Error).message}).`);
    }
    const text = await response.text();
    const json = text.length > 0 ? safeJson(text) : undefined;
    if (!response.ok) {
      const body = ErrorBody.safeParse(json);
      if (body.success) throw new HubError(response.status, body.data.error.code, body.data.error.message, { retryAfter: body.data.error.retryAfter, issues: body.data.issues ?? body.data.error.issues });
      throw new HubError(response.status, 'hub_error', `The hub answered ${response.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubError(response.status, 'bad_answer', `The hub's answer to ${method} ${path} was not understood.`);
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
