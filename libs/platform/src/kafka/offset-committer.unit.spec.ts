import { OffsetCommitter } from './offset-committer';

type Offsets = { topic: string; partition: number; offset: string }[];

/** A consumer whose commits stay in flight until the test answers them. */
function heldConsumer() {
  const commits: { offsets: Offsets; answer: (error?: Error) => void }[] = [];
  return {
    commits,
    commitOffsets: (offsets: Offsets) =>
      new Promise<void>((resolve, reject) =>
        commits.push({ offsets, answer: (error) => (error ? reject(error) : resolve()) }),
      ),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OffsetCommitter', () => {
  it('commits the offset after the finished message at once when no commit is in flight', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined);
    await committer.finished(consumer, 't', 0, '41');
    expect(consumer.commits.map((c) => c.offsets)).toEqual([
      [{ topic: 't', partition: 0, offset: '42' }],
    ]);
  });

  it('sends what finished during a commit in one next commit, the highest offset per partition', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined);
    await committer.finished(consumer, 't', 0, '1');
    await committer.finished(consumer, 't', 0, '2');
    await committer.finished(consumer, 't', 0, '3');
    await committer.finished(consumer, 't', 5, '9');
    expect(consumer.commits).toHaveLength(1);

    consumer.commits[0].answer();
    await settle();
    expect(consumer.commits.map((c) => c.offsets)).toEqual([
      [{ topic: 't', partition: 0, offset: '2' }],
      [
        { topic: 't', partition: 0, offset: '4' },
        { topic: 't', partition: 5, offset: '10' },
      ],
    ]);
  });

  it('reports a failed commit and still commits the offsets that finish after it', async () => {
    const consumer = heldConsumer();
    const errors: unknown[] = [];
    const committer = new OffsetCommitter((error) => errors.push(error));
    await committer.finished(consumer, 't', 0, '1');
    consumer.commits[0].answer(new Error('REBALANCE_IN_PROGRESS'));
    await committer.flush();
    await committer.finished(consumer, 't', 0, '2');
    expect(errors).toEqual([new Error('REBALANCE_IN_PROGRESS')]);
    expect(consumer.commits[1].offsets).toEqual([{ topic: 't', partition: 0, offset: '3' }]);
  });

  it('once shutting down, returns from finished only after the broker acknowledged the commit', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined);
    await committer.beforeApplicationShutdown();
    let returned = false;
    const finishing = committer.finished(consumer, 't', 0, '7').then(() => (returned = true));
    await settle();
    expect(returned).toBe(false);
    consumer.commits[0].answer();
    await finishing;
    expect(returned).toBe(true);
  });

  it('waits at shutdown for the commit in flight', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined);
    await committer.finished(consumer, 't', 0, '1');
    let flushed = false;
    const shutdown = committer.beforeApplicationShutdown().then(() => (flushed = true));
    await settle();
    expect(flushed).toBe(false);
    consumer.commits[0].answer();
    await shutdown;
    expect(flushed).toBe(true);
  });

  it('stops waiting at shutdown for a commit the broker does not answer', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined, 20);
    await committer.finished(consumer, 't', 0, '1');
    await committer.beforeApplicationShutdown();
    expect(consumer.commits).toHaveLength(1);
  });

  it('keeps commits at least the interval apart and sends what finished meanwhile in the next', async () => {
    const consumer = heldConsumer();
    const committer = new OffsetCommitter(() => undefined, 5_000, 200);
    await committer.finished(consumer, 't', 0, '1');
    consumer.commits[0].answer();
    await settle();
    const answeredAt = Date.now();
    await committer.finished(consumer, 't', 0, '2');
    await committer.finished(consumer, 't', 0, '3');
    await settle();
    expect(consumer.commits).toHaveLength(1);

    const deadline = Date.now() + 2_000;
    while (consumer.commits.length < 2 && Date.now() < deadline) await settle();
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(150);
    expect(consumer.commits[1].offsets).toEqual([{ topic: 't', partition: 0, offset: '4' }]);
    consumer.commits[1].answer();
    await committer.flush();
  });
});
