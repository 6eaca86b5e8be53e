import { describe, expect, it } from 'vitest';
import { GroupCommit, type Settled } from '../../../src/backend/store/group-commit.js';

/** A commit that records its batches and answers each item doubled (or fails items < 0). */
function recorder(delayMs = 0) {
  const batches: number[][] = [];
  const commit = async (items: number[]): Promise<Settled<number>[]> => {
    batches.push(items);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (items.includes(999)) throw new Error('commit failed');
    return items.map((i) => (i < 0 ? { error: new Error(`item ${i} refused`) } : { value: i * 2 }));
  };
  return { batches, group: new GroupCommit(commit) };
}

describe('GroupCommit', () => {
  it('commits what is submitted in one turn as one batch, each item with its own answer', async () => {
    const { batches, group } = recorder();
    const answers = await Promise.allSettled([group.submit(1), group.submit(-2), group.submit(3)]);
    expect(batches).toEqual([[1, -2, 3]]);
    expect(answers[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: { message: 'item -2 refused' } });
    expect(answers[2]).toEqual({ status: 'fulfilled', value: 6 });
  });

  it('takes what arrives while a batch commits into the next batch, in order', async () => {
    const { batches, group } = recorder(20);
    const first = group.submit(1);
    await new Promise((r) => setImmediate(r)); // the first batch is committing now
    const later = [group.submit(2), group.submit(3)];
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('commits an item submitted from the continuation of an answer (one append after another)', async () => {
    const { batches, group } = recorder();
    const seen: number[] = [];
    for (let i = 1; i <= 5; i++) seen.push(await group.submit(i));
    expect(seen).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('fails every item of a batch whose commit throws, and goes on with the next', async () => {
    const { group } = recorder();
    const failed = await Promise.allSettled([group.submit(999), group.submit(1)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(await group.submit(4)).toBe(8);
  });

  it('flush resolves once everything submitted is committed', async () => {
    const { batches, group } = recorder(10);
    const answers = [group.submit(1), group.submit(2)];
    await group.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(await Promise.all(answers)).toEqual([2, 4]);
  });
});
