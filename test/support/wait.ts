/**
 * Polling instead of sleeping: resolves with the probe's first truthy value (so `0`, `''` and `null`
 * keep waiting, like `undefined` and `false`), fails after `timeoutMs` naming what it waited for.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, what = 'condition', timeoutMs = 30_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Truthy<T> = Exclude<T, undefined | null | false | 0 | ''>;
