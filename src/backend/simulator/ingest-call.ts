/** One call to the hub's ingest API with the simulator's key, as a vendor adapter makes it; a refusal is reported, not thrown. */
export interface IngestTarget {
  url: string;
  key: string;
  onError: (err: unknown) => void;
}

export async function ingestCall<T = unknown>(to: IngestTarget, method: 'POST' | 'PUT', path: string, body: unknown): Promise<T | undefined> {
  try {
    const res = await fetch(`${to.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${to.key}` },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) {
      to.onError(new Error(`simulator: ${method} ${path}: hub answered ${res.status}: ${await res.text()}`));
      return undefined;
    }
    return (await res.json()) as T;
  } catch (err) {
    to.onError(err);
    return undefined;
  }
}
