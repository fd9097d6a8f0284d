import type { TraceContext } from '../tracing/tracing.port';

/** One message of a partition, as the handler sees it. */
export interface ConsumedMessage {
  readonly offset: string;
  readonly key: string | null;
  /** The value parsed as JSON, or its text when it is not JSON. */
  readonly value: unknown;
  /** The value as it came, for a dead letter. */
  readonly text: string;
  /** When Kafka got it (ms since the epoch, as text). */
  readonly timestamp: string;
  readonly trace: TraceContext;
  /** metadata.correlationId of the value: the request that caused it, for log lines. */
  readonly correlationId?: string;
}

/** Consecutive messages of one partition, handed to the handler together. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
}

/** What a failure means for the messages that failed: try them again, or give up on them. */
export type FailureVerdict = 'retry' | 'poison';

export interface BatchHandler {
  /** Applies the batch in one transaction; resolves once it committed, so its offsets may be committed. */
  apply(batch: PartitionBatch): Promise<void>;
  /** After `attempt` failed applies of this batch. */
  failed(error: unknown, attempt: number, batch: PartitionBatch): Promise<FailureVerdict>;
  /** Records one poison message; it counts as done once this resolves. */
  deadLetter(batch: PartitionBatch, error: unknown): Promise<void>;
}

/** What the loop lends a batch while it is handled. */
export interface BatchControl {
  /** False once the consumer stops or the partition moved (a seek, a rebalance): leave the rest unresolved. */
  active(): boolean;
  /** Between attempts: waits the retry delay (shorter when stopping) and heartbeats the group. */
  pause(): Promise<void>;
  /** The message at `offset` and every one before it in the batch are done. */
  done(offset: string): void;
}

/**
 * Applies a batch until it is done: a transient failure retries the whole batch, a poison verdict applies its
 * messages one at a time, so that only the message at fault is dead-lettered and the others still apply in
 * order. Stops early, leaving the rest unresolved (delivered again), when the control turns inactive.
 */
export async function settleBatch(
  batch: PartitionBatch,
  handler: BatchHandler,
  control: BatchControl,
): Promise<void> {
  const last = batch.messages.at(-1);
  if (!last) return;
  for (let attempt = 1; control.active(); attempt++) {
    let error: unknown;
    try {
      await handler.apply(batch);
      control.done(last.offset);
      return;
    } catch (failure) {
      error = failure;
    }
    if (!control.active()) return;
    if ((await handler.failed(error, attempt, batch)) === 'poison') {
      if (batch.messages.length > 1) return settleOneByOne(batch, handler, control);
      if (await deadLettered(batch, error, handler)) {
        control.done(last.offset);
        return;
      }
    }
    await control.pause();
  }
}

async function settleOneByOne(
  batch: PartitionBatch,
  handler: BatchHandler,
  control: BatchControl,
): Promise<void> {
  for (const message of batch.messages) {
    if (!control.active()) return;
    let done = false;
    await settleBatch({ ...batch, messages: [message] }, handler, {
      ...control,
      done: (offset) => {
        done = true;
        control.done(offset);
      },
    });
    if (!done) return;
  }
}

/** false when recording it failed (the database is away): the batch is tried again later. */
async function deadLettered(
  batch: PartitionBatch,
  error: unknown,
  handler: BatchHandler,
): Promise<boolean> {
  try {
    await handler.deadLetter(batch, error);
    return true;
  } catch {
    return false;
  }
}
