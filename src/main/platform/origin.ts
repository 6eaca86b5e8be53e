/**
 * The origin of a URL as `scheme://host`. Node's URL gives the origin "null" for schemes it does
 * not know (app: among them), which would make every message from our own pages look foreign to
 * the IpcRouter. No Electron import, so it is unit-tested in Node.
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : 'null';
  } catch {
    return 'null';
  }
}
