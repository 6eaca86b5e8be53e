/**
 * The webhook's signature: HMAC-SHA256 of the raw request body with the shared secret, sent as
 * `sha256=<hex>` (or bare hex) in one header. Flock's published subscription settings offer no
 * body signature of their own (none, basic, API key, OAuth2), so the scheme is ours and its header
 * is configurable (src/adapters/flock/README.md). Compared in constant time, on the raw bytes, before
 * the body is even parsed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_SIGNATURE_HEADER = 'x-opentas-signature';

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True only for a well-formed header whose digest equals ours. */
export function signatureHolds(secret: string, body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const hex = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}
