/**
 * The page's Content-Security-Policy, the same for the Electron app (app://) and the browser host:
 * only our own code; images from data: (alert photos arrive as data: URIs) and blob: (the map);
 * connections and images otherwise only to the origins named: the page's own WebSocket (browser
 * host) and the agency's map style server the desk configured. No wildcard such as `https:`: a
 * script that got in could not send a plate anywhere else.
 */
export function contentSecurityPolicy(origins: { mapOrigins?: readonly string[]; sockets?: readonly string[] } = {}): string {
  const map = origins.mapOrigins ?? [];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'data:', 'blob:', ...map].join(' ')}`,
    "media-src 'self'",
    `connect-src ${["'self'", ...(origins.sockets ?? []), ...map].join(' ')}`,
    "worker-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
