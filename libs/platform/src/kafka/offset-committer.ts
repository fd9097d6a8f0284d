import type { BeforeApplicationShutdown } from '@nestjs/common';

export interface CommittingConsumer {
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
}

/** Where the group resumes: the offset after the last message a handler finished. */
interface Resume {
  consumer: CommittingConsumer;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Commits a consumer group's offsets without making the next message wait for the broker: one commit is in
 * flight at a time and the offsets finished meanwhile go together in the next, the highest per partition.
 * Commits are at least `minIntervalMs` apart, so a busy consumer costs the broker a few commits a second, not
 * one per batch. A message whose commit is lost (a crash, a rebalance) is delivered again, so handlers are
 * idempotent. From shutdown on, `finished` waits for the broker's answer, as the consumer is about to disconnect.
 */
export class OffsetCommitter implements BeforeApplicationShutdown {
  private readonly pending = new Map<string, Resume>();
  private inFlight?: Promise<void>;
  private closing = false;
  private lastCommitAt = 0;

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly shutdownWaitMs = 5_000,
    private readonly minIntervalMs = 0,
  ) {}

  /** The message at `offset` is handled: commit past it, soon (or before returning, once closing). */
  async finished(
    consumer: CommittingConsumer,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<void> {
    const next = (BigInt(offset) + 1n).toString();
    this.pending.set(`${topic}\u0000${partition}`, { consumer, topic, partition, offset: next });
    this.inFlight ??= this.commitPending();
    if (this.closing) await this.flush();
  }

  /** Waits until every offset finished so far is committed (or its commit failed). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Bounded: with the broker down a commit retries for long, and shutdown must not wait on it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, this.shutdownWaitMs)),
    );
    await Promise.race([this.flush(), timeout]).finally(() => clearTimeout(timer));
  }

  private async commitPending(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const wait = this.lastCommitAt + this.minIntervalMs - Date.now();
        if (wait > 0 && !this.closing) await new Promise((resolve) => setTimeout(resolve, wait));
        this.lastCommitAt = Date.now();
        const batch = [...this.pending.values()];
        this.pending.clear();
        for (const [consumer, offsets] of byConsumer(batch)) {
          await consumer.commitOffsets(offsets).catch(this.onError);
        }
      }
    } finally {
      this.inFlight = undefined;
    }
  }
}

function byConsumer(resumes: Resume[]): Map<CommittingConsumer, Omit<Resume, 'consumer'>[]> {
  const grouped = new Map<CommittingConsumer, Omit<Resume, 'consumer'>[]>();
  for (const { consumer, ...offset } of resumes) {
    grouped.set(consumer, [...(grouped.get(consumer) ?? []), offset]);
  }
  return grouped;
}
