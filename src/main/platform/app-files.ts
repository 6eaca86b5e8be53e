/**
 * Which file of the built renderer an app:// request names, or null: only our host, only inside
 * the renderer folder (no `..`, no encoded escape, no absolute path), and a malformed escape is a
 * plain "not found", never an exception in the protocol handler. No Electron import, so it is
 * unit-tested in Node (Electron security checklist item 18: a custom protocol instead of file://).
 */
import { join, normalize, sep } from 'node:path';

export function appFile(rendererDir: string, requestUrl: string, host: string): string | null {
  let url: URL;
  let relative: string;
  try {
    url = new URL(requestUrl);
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null;
  }
  if (url.host !== host || relative.includes('\0')) return null;
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  return file.startsWith(root) ? file : null;
}
