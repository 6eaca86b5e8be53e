/** Polling instead of sleeping: resolves as soon as the condition holds, fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what = 'condition', timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
