/**
 * The acknowledgement log's hash chain (docs/protocol.md#the-acknowledgement-trail): hash = sha256_hex(prevHash +
 * canonical_json(entry without hash)). sha256 itself is left to the caller (node:crypto on the hub,
 * WebCrypto in a browser) because src/shared imports no runtime.
 */

/** The first entry's prevHash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (by UTF-16 code unit, like Array.prototype.sort), no spaces, arrays
 * in order, and `undefined` fields dropped, so that two programs serialising the same entry produce
 * the same bytes and therefore the same hash. Non-finite numbers have no JSON form and would
 * silently become `null`, which would let two different entries hash alike: they are refused.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value);
  if (out === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return out;
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON form');
    default:
      break;
  }
  const obj = value as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') return write(obj.toJSON());
  if (Array.isArray(value)) {
    // Like JSON.stringify: an array slot with no JSON form becomes null so positions stay put.
    return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = write(record[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The string to hash for one log entry: prevHash followed by the canonical JSON of the entry
 * without its `hash` field. Accepts the full entry too (its `hash` is ignored), so a verifier can
 * pass stored entries as they are.
 */
export function entryHashInput(prevHash: string, entryWithoutHash: object): string {
  const { hash: _hash, ...rest } = entryWithoutHash as Record<string, unknown>;
  return prevHash + canonicalJson(rest);
}
