/**
 * Route matching, pure so it is unit-tested without a browser. A pattern is a path of literal
 * segments and `:name` parameters; a last `:name?` is optional, so one screen row can answer both
 * its list (`/zones`) and one item of it (`/zones/troop3-i55`).
 */

export interface Route {
  /** Always starts with `/`; no trailing slash except the root itself. */
  path: string;
  params: Record<string, string>;
}

/** The route of a location hash: `#/zones/a` -> `/zones/a`. `#popup/alerts/x` (the Electron popup window) -> `/alerts/x`. */
export function pathOfHash(hash: string): string {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.startsWith('popup')) h = h.slice('popup'.length);
  const path = `/${h.split('/').filter(Boolean).join('/')}`;
  return path;
}

/** The params of `path` under `pattern`, or undefined when it does not match. Params are URI-decoded. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  const optionalLast = want.length > 0 && want[want.length - 1]!.endsWith('?');
  if (got.length > want.length || got.length < want.length - (optionalLast ? 1 : 0)) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < got.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return undefined; // a broken %-escape is no address of ours
      }
      params[w.slice(1).replace(/\?$/, '')] = value;
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/** A path with its params filled in, each URI-encoded: `pathTo('/alerts', 'a/b')` -> `/alerts/a%2Fb`. */
export function pathTo(base: string, ...segments: string[]): string {
  return [base.replace(/\/$/, ''), ...segments.map(encodeURIComponent)].join('/');
}
