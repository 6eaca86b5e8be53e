/** Test answers are read loosely; the assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A thin fetch wrapper for the hub's HTTP API that never throws on an error status. */
export interface ApiAnswer<T = Json> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface ApiRequest {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed-body tests); overrides `body`. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export async function call<T = Json>(baseUrl: string, method: string, path: string, req: ApiRequest = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: string | Buffer | undefined;
  if (req.raw !== undefined) body = req.raw;
  else if (req.body !== undefined) body = JSON.stringify(req.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}
