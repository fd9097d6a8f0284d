/** One stream's append, as a caller asked for it. */
export interface StreamAppend<E> {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: readonly E[];
}

/** What one append of a group came to: its own result, or its own error (a conflict fails only its command). */
export type AppendOutcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Waiting<E, R> {
  readonly append: StreamAppend<E>;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: an append that arrives while a commit is in flight waits and goes with the others in the next
 * one, so a burst costs one transaction and one WAL flush. A stream appears at most once per group; a second
 * append to it waits for the group after. Alone, an append goes at once.
 */
export class GroupCommit<E, R> {
  private queue: Waiting<E, R>[] = [];
  private committing = false;

  constructor(
    private readonly commit: (group: readonly StreamAppend<E>[]) => Promise<AppendOutcome<R>[]>,
    private readonly maxGroup = 256,
  ) {}

  append(append: StreamAppend<E>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      if (!this.committing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.committing = true;
    try {
      while (this.queue.length > 0) await this.commitGroup(this.nextGroup());
    } finally {
      this.committing = false;
    }
  }

  private nextGroup(): Waiting<E, R>[] {
    const group: Waiting<E, R>[] = [];
    const streams = new Set<string>();
    const later: Waiting<E, R>[] = [];
    for (const waiting of this.queue) {
      if (group.length < this.maxGroup && !streams.has(waiting.append.streamId)) {
        streams.add(waiting.append.streamId);
        group.push(waiting);
      } else {
        later.push(waiting);
      }
    }
    this.queue = later;
    return group;
  }

  private async commitGroup(group: Waiting<E, R>[]): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((w) => w.append));
      group.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
  }
}
