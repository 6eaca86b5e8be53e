/**
 * The hub's ingest API as an adapter sees it: `POST /api/v1/hits` with an ingest key
 * (docs/protocol.md, "Version 1 routes"). Answers are
 * sorted into what the caller must do next: forget the hit (accepted, duplicate), set it aside for
 * a person (refused: the hub will never take it as it is), or try again later (unreachable: the
 * network, a hub error, a wrong key an operator can still fix, a rate limit).
 */
import { readFileSync } from 'node:fs';
import type { Hit } from '../shared/protocol/index.js';

export type IngestResult =
  | { kind: 'accepted'; seq: number }
  | { kind: 'duplicate'; seq: number }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'unreachable'; message: string };

/** Statuses that say "this hit, as it is, will never be taken": retrying would only loop. */
const PERMANENT = new Set([400, 413, 422]);

export class HubIngest {
  private readonly endpoint: string;

  constructor(
    hubUrl: string,
    private readonly key: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.endpoint = `${hubUrl.replace(/\/+$/, '')}/api/v1/hits`;
  }

  async post(hit: Hit): Promise<IngestResult> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify(hit),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      return { kind: 'unreachable', message: describe(err) };
    }
    const text = await res.text().catch(() => '');
    if (res.status === 202 || res.status === 200) {
      const body = parseJson(text) as { seq?: number; duplicate?: boolean } | undefined;
      return { kind: body?.duplicate ? 'duplicate' : 'accepted', seq: body?.seq ?? 0 };
    }
    const message = `hub answered ${res.status}: ${text.slice(0, 500)}`;
    return PERMANENT.has(res.status) ? { kind: 'refused', status: res.status, message } : { kind: 'unreachable', message };
  }
}

/** A secret kept in a file (ingest key, webhook secret): trimmed, and refused when empty. */
export function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read ${what} file ${path}`);
  }
  const secret = text.trim();
  if (secret === '') throw new Error(`${what} file ${path} is empty`);
  return secret;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string } }).cause;
    return cause?.code ? `${err.message} (${cause.code})` : err.message;
  }
  return String(err);
}
