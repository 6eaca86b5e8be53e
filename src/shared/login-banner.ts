/**
 * The login banner shown before sign-in when the agency set none of its own (`--banner-file`).
 * One text for the hub's `GET /banner` and the desk's fallback (hub unreachable): a system-use
 * notice is a legal text, and two defaults would show the trooper two different notices.
 */
export const DEFAULT_LOGIN_BANNER =
  'WARNING: This is a restricted criminal justice information system. Use is limited to authorized ' +
  'personnel for legitimate law enforcement purposes and is monitored and recorded. Unauthorized ' +
  'access or use, including sharing credentials, is prohibited and may result in criminal and civil penalties.';
