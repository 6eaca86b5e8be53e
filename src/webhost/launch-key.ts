/**
 * The browser host's per-launch secret. Loopback alone does not keep other local users (or any
 * local process) out: they could read alerts, acknowledge as the trooper, stop the idle lock or
 * repoint the hub. So the host makes a random key at each start, prints it in the page's URL, and
 * answers the IPC socket only to a page that presents it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The query parameter of the page URL and of the `/ipc` socket URL that carries the key. */
export const KEY_PARAM = 'key';

export class LaunchKey {
  /** 32 random bytes, base64url: safe in a URL without escaping. */
  readonly value = randomBytes(32).toString('base64url');
  private readonly bytes = Buffer.from(this.value, 'utf8');

  /**
   * Whether `presented` is this launch's key, compared in constant time (timingSafeEqual needs equal
   * lengths; a wrong length is refused before it, which reveals only the length, fixed and public).
   */
  matches(presented: string | null | undefined): boolean {
    if (typeof presented !== 'string') return false;
    const given = Buffer.from(presented, 'utf8');
    return given.length === this.bytes.length && timingSafeEqual(given, this.bytes);
  }
}
