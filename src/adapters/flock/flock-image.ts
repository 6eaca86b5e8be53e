/**
 * The vehicle image Flock links to (`imageUrl`, a signed link valid until `imageExpiration`),
 * fetched once and carried in the hit as a data: URI, since the link expires long before the alert
 * is reviewed. Best effort: an expired link, a slow or failed fetch, or anything but a JPEG or PNG
 * of at most 512 KiB leaves the hit without an image rather than holding the alert back
 * (docs/adapters.md, `--images`).
 */
import { ImageDataUri } from '../../shared/protocol/index.js';

const MAX_IMAGE_BYTES = 512 * 1024;

export type ImageResult = { ok: true; dataUri: string } | { ok: false; why: string };

export async function fetchFlockImage(imageUrl: string | undefined, imageExpiration: string | undefined, now: Date, timeoutMs = 5_000): Promise<ImageResult> {
  if (!imageUrl) return { ok: false, why: 'no imageUrl' };
  if (!/^https?:\/\//i.test(imageUrl)) return { ok: false, why: 'imageUrl is not an http(s) link' };
  const expires = imageExpiration ? Date.parse(imageExpiration) : Number.NaN;
  if (!Number.isNaN(expires) && expires <= now.getTime()) return { ok: false, why: `the image link expired at ${imageExpiration}` };
  let res: Response;
  try {
    res = await fetch(imageUrl, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { ok: false, why: `image fetch failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!res.ok) return { ok: false, why: `image fetch answered ${res.status}` };
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'image/jpeg' && type !== 'image/png') return { ok: false, why: `image is ${type || 'of no stated type'}, not JPEG or PNG` };
  const bytes = await readAtMost(res, MAX_IMAGE_BYTES);
  if (!bytes) return { ok: false, why: 'image is over 512 KiB' };
  const dataUri = `data:${type};base64,${bytes.toString('base64')}`;
  return ImageDataUri.safeParse(dataUri).success ? { ok: true, dataUri } : { ok: false, why: 'image does not make a valid data: URI' };
}

/** The body, or undefined as soon as it passes `max` bytes (a lying or endless server costs nothing more). */
async function readAtMost(res: Response, max: number): Promise<Buffer | undefined> {
  if (Number(res.headers.get('content-length') ?? 0) > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}
