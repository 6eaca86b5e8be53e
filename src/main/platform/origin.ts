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

/**
 * Who sent an IPC message, from Electron's event: the sending frame's origin (none: "null", e.g. a
 * frame already gone) and whether that frame is its window's main frame (a subframe never is trusted).
 */
export function frameSender<F extends { url: string }>(
  frame: F | null,
  mainFrame: F | null,
): { origin: string; isMainFrame: boolean } {
  return { origin: frame ? originOf(frame.url) : 'null', isMainFrame: frame !== null && frame === mainFrame };
}
