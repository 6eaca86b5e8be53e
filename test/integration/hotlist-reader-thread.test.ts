/**
 * A hot-list body read on the worker thread gives exactly what the in-process path gives (the one
 * the hub used before, still used for small lists and with OPENTAS_HOTLIST_THREAD=off): the same
 * head, entries and stored bytes for a good list, the same refusal (status, code, message, issues)
 * for a bad one. Bodies are over the 1 MiB threshold, so the thread path really runs a thread (here in
 * the integration tier: each thread starts tsx, about a second).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../../src/backend/errors.js';
import { THREAD_FROM_BYTES, receiveList, storedEntries, yieldToLoop } from '../../src/backend/matcher/hotlist-reader.js';

const N = 15_000;

function entries(): Record<string, unknown>[] {
  return Array.from({ length: N }, (_, i) => ({
    plate: `P${i.toString(36).toUpperCase()}`,
    state: i % 7 === 0 ? 'UNK' : i % 2 ? 'IL' : 'IN',
    category: i % 3 ? 'stolen' : 'registration',
    // Multi-byte text, so the packed columns' byte offsets are exercised.
    reason: i % 5 ? `Stolen vehicle ${i}` : `Véhicule volé — 車 ${i} 🚓`,
    ...(i % 4 ? { entryId: `E${i}` } : {}),
    ...(i % 6 ? { enteredAt: '2026-11-01T10:00:00Z' } : {}),
  }));
}

const body = (list: Record<string, unknown>[], extra: Record<string, unknown> = {}): Buffer =>
  Buffer.from(JSON.stringify({ name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: '2026-11-30T06:00:00Z', entries: list, ...extra }));

type Outcome = { head: unknown; count: number; stored: Buffer; entries: unknown } | { refused: { status: number; code: string; message: string; extra: unknown } };

async function read(bytes: Buffer, thread: boolean): Promise<Outcome> {
  process.env.OPENTAS_HOTLIST_THREAD = thread ? 'on' : 'off';
  try {
    // A copy: the thread path hands the bytes over and leaves them detached.
    const list = await receiveList(Buffer.from(bytes));
    return { head: list.head, count: list.count, stored: list.stored, entries: await list.entries(yieldToLoop) };
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    return { refused: { status: err.status, code: err.code, message: err.message, extra: err.extra } };
  }
}

async function bothWays(bytes: Buffer): Promise<Outcome> {
  expect(bytes.length).toBeGreaterThan(THREAD_FROM_BYTES);
  const inProcess = await read(bytes, false);
  const onThread = await read(bytes, true);
  expect(onThread).toEqual(inProcess);
  return onThread;
}

describe('hot-list bodies read on a worker thread', () => {
  afterEach(() => {
    delete process.env.OPENTAS_HOTLIST_THREAD;
  });

  it('a good list: the same head, entries (in field order) and stored bytes; the stored list loads back the same', async () => {
    const out = await bothWays(body(entries(), { domain: 'general' }));
    if ('refused' in out) throw new Error(`refused: ${JSON.stringify(out.refused)}`);
    expect(out.count).toBe(N);
    expect(JSON.stringify((out.entries as unknown[])[5])).toBe(JSON.stringify(entries()[5]));
    process.env.OPENTAS_HOTLIST_THREAD = 'on';
    expect(out.stored.length).toBeGreaterThan(64 * 1024);
    expect(await storedEntries(out.stored, yieldToLoop)).toEqual(out.entries);
  });

  it('bad entries, a bad head, bytes that are not JSON and a forbidden key: the same refusal both ways', async () => {
    const bad = entries();
    for (let i = 0; i < 150; i += 1) bad[i * 90] = { ...bad[i * 90], plate: 'abc-1' };
    bad[N - 1] = { ...bad[N - 1], colour: 'red' };
    const many = await bothWays(body(bad));
    expect(many).toMatchObject({ refused: { status: 400, code: 'invalid_hotlist', message: 'the hot list is not valid: at least 100 problem(s)' } });
    expect((many as { refused: { extra: { issues: unknown[] } } }).refused.extra.issues).toHaveLength(100);

    const head = await bothWays(body(entries(), { source: 'NOPE' }));
    expect(head).toMatchObject({ refused: { status: 400, code: 'invalid_hotlist', extra: { issues: [{ path: 'source' }] } } });

    const notJson = await bothWays(body(entries()).subarray(0, THREAD_FROM_BYTES + 10));
    expect(notJson).toEqual({ refused: { status: 400, code: 'invalid_hotlist', message: 'the body is not valid JSON (or not valid gzip)', extra: { issues: [{ path: '', message: 'not valid JSON' }] } } });

    const poisoned = entries();
    poisoned[3] = JSON.parse('{"__proto__": {"admin": true}, "plate": "A1", "state": "IL", "category": "stolen", "reason": "x"}') as Record<string, unknown>;
    expect(await bothWays(body(poisoned))).toEqual(notJson);
  });
});
