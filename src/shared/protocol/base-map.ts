/**
 * Where an agency's offline street map (a PMTiles archive) is: an https URL, or a file path that
 * every desk can open (a local disk or a network share). The same rule checks the hub's policy
 * (`baseMap.pmtiles`) and a desk's own setting, so a value the hub accepts is one every desk can
 * read the same way. Plain http is refused except on loopback: the map must not be swapped in transit.
 */
import { z } from 'zod';

export type BaseMapLocation = { kind: 'url'; url: string; origin: string } | { kind: 'file'; path: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX = 2048;

/** Parses a PMTiles location, or says in words what is wrong with it. */
export function parseBaseMapLocation(raw: string): BaseMapLocation | { error: string } {
  const value = raw.trim();
  if (value.length === 0) return { error: 'give the PMTiles file path or https URL' };
  if (value.length > MAX) return { error: `at most ${MAX} characters` };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return { error: 'control characters are not allowed' };
  if (/^file:/i.test(value)) return { error: 'give the file path itself (e.g. C:\\Maps\\illinois.pmtiles), not a file: URL' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return parseUrl(value);
  return parseFilePath(value);
}

function parseUrl(value: string): BaseMapLocation | { error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { error: 'use https (plain http only on this computer, 127.0.0.1 or localhost)' };
  }
  if (url.username || url.password) return { error: 'a URL with a user name or password is not allowed' };
  if (!/\.pmtiles$/i.test(url.pathname)) return { error: 'the URL must name a .pmtiles file' };
  return { kind: 'url', url: url.href, origin: url.origin };
}

function parseFilePath(value: string): BaseMapLocation | { error: string } {
  const posix = value.startsWith('/');
  const drive = /^[a-z]:[\\/]/i.test(value);
  const share = /^\\\\[^\\/]+[\\/][^\\/]+[\\/]/.test(value);
  if (!posix && !drive && !share) return { error: 'give a full path (/srv/maps/illinois.pmtiles, C:\\Maps\\illinois.pmtiles or \\\\server\\share\\illinois.pmtiles) or an https URL' };
  if (value.split(/[\\/]/).includes('..')) return { error: 'the path must not contain ".."' };
  if (!/\.pmtiles$/i.test(value)) return { error: 'the file must be a .pmtiles archive' };
  return { kind: 'file', path: value };
}

/** A PMTiles location as the hub's policy and a desk's settings hold it (trimmed). */
export const BaseMapSource = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseBaseMapLocation(value);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

/** The policy's street map: one archive every desk draws under its alerts and zones. */
export const BaseMapPolicy = z.strictObject({ pmtiles: BaseMapSource });
export type BaseMapPolicy = z.infer<typeof BaseMapPolicy>;
