import { describe, expect, it } from '@jest/globals';
import { MergedBatches } from './merged-batches';

/** An apply that records each call and doubles its items, failing any call that holds a poison item. */
function recorder() {
  const calls: number[][] = [];
  const merged = new MergedBatches<number, number>(async (items) => {
    calls.push([...items]);
    await new Promise((resolve) => setImmediate(resolve));
    if (items.includes(-1)) throw new Error('poison');
    return items.map((n) => n * 2);
  });
  return { calls, merged };
}

describe('MergedBatches', () => {
  it('applies a lone batch at once, and the batches that arrived meanwhile together in one call', async () => {
    const { calls, merged } = recorder();
    const outcomes = await Promise.all([
      merged.call([1, 2]),
      merged.call([3]),
      merged.call([4, 5]),
      merged.call([6]),
    ]);
    expect(outcomes).toEqual([[2, 4], [6], [8, 10], [12]]);
    expect(calls).toEqual([
      [1, 2],
      [3, 4, 5, 6],
    ]);
  });

  it('a merged call that fails is made again for each batch alone, so only the poisoned batch fails', async () => {
    const { calls, merged } = recorder();
    const outcomes = await Promise.allSettled([
      merged.call([1]),
      merged.call([2]),
      merged.call([-1]),
      merged.call([3]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[3]).toEqual({ status: 'fulfilled', value: [6] });
    expect(calls).toEqual([[1], [2, -1, 3], [2], [-1], [3]]);
  });
});
