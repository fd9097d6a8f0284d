import { settleBatch } from './partition-batch';
import type {
  BatchControl,
  BatchHandler,
  ConsumedMessage,
  PartitionBatch,
} from './partition-batch';

class Poison extends Error {}
class Transient extends Error {}

const message = (offset: number): ConsumedMessage => ({
  offset: String(offset),
  key: null,
  value: offset,
  text: String(offset),
  timestamp: '0',
  trace: {},
});

const aBatch = (...offsets: number[]): PartitionBatch => ({
  topic: 't',
  partition: 0,
  messages: offsets.map(message),
});

/** Applies what it is given, failing as told per offset (each failure used once, a poison every time). */
class RecordingHandler implements BatchHandler {
  readonly applied: string[][] = [];
  readonly deadLettered: string[] = [];
  transientFailures = 0;
  deadLetterFailures = 0;

  constructor(private readonly poison = new Set<string>()) {}

  apply(batch: PartitionBatch): Promise<void> {
    const offsets = batch.messages.map((m) => m.offset);
    if (this.transientFailures > 0) {
      this.transientFailures -= 1;
      return Promise.reject(new Transient('database away'));
    }
    if (offsets.some((o) => this.poison.has(o))) return Promise.reject(new Poison('bad event'));
    this.applied.push(offsets);
    return Promise.resolve();
  }

  failed(error: unknown): Promise<'retry' | 'poison'> {
    return Promise.resolve(error instanceof Poison ? 'poison' : 'retry');
  }

  deadLetter(batch: PartitionBatch): Promise<void> {
    if (this.deadLetterFailures > 0) {
      this.deadLetterFailures -= 1;
      return Promise.reject(new Transient('database away'));
    }
    this.deadLettered.push(...batch.messages.map((m) => m.offset));
    return Promise.resolve();
  }
}

/** A control that records what is done and the pauses, and turns inactive after `pausesAllowed` pauses. */
function aControl(pausesAllowed = Number.POSITIVE_INFINITY) {
  const state = { done: [] as string[], pauses: 0 };
  const control: BatchControl = {
    active: () => state.pauses <= pausesAllowed,
    pause: () => {
      state.pauses += 1;
      return Promise.resolve();
    },
    done: (offset) => state.done.push(offset),
  };
  return { control, state };
}

describe('settleBatch', () => {
  it('applies the whole batch at once and marks its last offset done', async () => {
    const handler = new RecordingHandler();
    const { control, state } = aControl();

    await settleBatch(aBatch(10, 11, 12), handler, control);

    expect(handler.applied).toEqual([['10', '11', '12']]);
    expect(state.done).toEqual(['12']);
  });

  it('retries the whole batch after a transient failure, pausing (and heartbeating) between attempts', async () => {
    const handler = new RecordingHandler();
    handler.transientFailures = 2;
    const { control, state } = aControl();

    await settleBatch(aBatch(1, 2), handler, control);

    expect(handler.applied).toEqual([['1', '2']]);
    expect(state.pauses).toBe(2);
    expect(state.done).toEqual(['2']);
  });

  it('dead-letters only the poison message of a batch; the others apply one by one, in order', async () => {
    const handler = new RecordingHandler(new Set(['6']));
    const { control, state } = aControl();

    await settleBatch(aBatch(5, 6, 7), handler, control);

    expect(handler.applied).toEqual([['5'], ['7']]);
    expect(handler.deadLettered).toEqual(['6']);
    expect(state.done).toEqual(['5', '6', '7']);
  });

  it('does not mark a poison message done until its dead letter is recorded', async () => {
    const handler = new RecordingHandler(new Set(['3']));
    handler.deadLetterFailures = 1;
    const { control, state } = aControl();

    await settleBatch(aBatch(3), handler, control);

    expect(handler.deadLettered).toEqual(['3']);
    expect(state.pauses).toBe(1);
    expect(state.done).toEqual(['3']);
  });

  it('leaves a batch unresolved when the consumer stops or the partition moves during its retries', async () => {
    const handler = new RecordingHandler();
    handler.transientFailures = 10;
    const { control, state } = aControl(2);

    await settleBatch(aBatch(1, 2, 3), handler, control);

    expect(handler.applied).toEqual([]);
    expect(state.done).toEqual([]);
  });

  it('after a poison verdict, stops at the first message it could not finish, keeping those before it done', async () => {
    const handler = new RecordingHandler(new Set(['2']));
    handler.deadLetterFailures = 100;
    const { control, state } = aControl(3);

    await settleBatch(aBatch(1, 2, 3), handler, control);

    expect(handler.applied).toEqual([['1']]);
    expect(state.done).toEqual(['1']);
  });

  it('does nothing with an empty batch', async () => {
    const handler = new RecordingHandler();
    const { control, state } = aControl();

    await settleBatch(aBatch(), handler, control);

    expect(handler.applied).toEqual([]);
    expect(state.done).toEqual([]);
  });
});
