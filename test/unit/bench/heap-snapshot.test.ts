/** The memory benchmark's heap summary, on a real snapshot of this process holding known objects. */
import { getHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapConsumers } from '../../bench/support/heap-snapshot.js';

class HeapProbeMarker {
  constructor(readonly n: number) {}
}

async function snapshotText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('heapConsumers', () => {
  it('counts the objects of a constructor and sums the heap', async () => {
    const held = Array.from({ length: 20_000 }, (_, i) => new HeapProbeMarker(i));
    const { total, consumers } = heapConsumers(await snapshotText(), 100_000);
    const marker = consumers.find((c) => c.name === 'HeapProbeMarker');
    expect(marker?.count).toBe(20_000);
    expect(marker!.bytes).toBeGreaterThan(20_000 * 8);
    expect(total).toBeGreaterThan(consumers.slice(0, 8).reduce((n, c) => n + c.bytes, 0));
    expect(consumers[0]!.bytes).toBeGreaterThanOrEqual(consumers[1]!.bytes);
    expect(held.length).toBe(20_000);
  }, 120_000);

  it('refuses what is not a heap snapshot', () => {
    expect(() => heapConsumers(JSON.stringify({ snapshot: { meta: { node_fields: ['id'], node_types: [[]] } }, nodes: [], strings: [] }))).toThrow('not a V8 heap snapshot');
  });
});
