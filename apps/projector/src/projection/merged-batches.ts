interface Waiting<I, O> {
  readonly items: readonly I[];
  resolve(outcomes: O[]): void;
  reject(error: unknown): void;
}

/**
 * Batches that arrive while one is being applied wait and go together in the next call, so the partitions of
 * one fetch cost one transaction, not one each. A merged call that fails is made again for each batch alone,
 * so one partition's poison or retry stays its own.
 */
export class MergedBatches<I, O> {
  private queue: Waiting<I, O>[] = [];
  private applying = false;

  constructor(private readonly apply: (items: readonly I[]) => Promise<O[]>) {}

  /** The outcome of each item, in its place. */
  call(items: readonly I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.applying) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.applying = true;
    try {
      while (this.queue.length > 0) await this.applyGroup(this.queue.splice(0));
    } finally {
      this.applying = false;
    }
  }

  private async applyGroup(group: readonly Waiting<I, O>[]): Promise<void> {
    if (group.length === 1) return this.applyAlone(group[0]);
    let outcomes: O[];
    try {
      outcomes = await this.apply(group.flatMap((waiting) => waiting.items));
    } catch {
      for (const waiting of group) await this.applyAlone(waiting);
      return;
    }
    let at = 0;
    for (const waiting of group) {
      waiting.resolve(outcomes.slice(at, at + waiting.items.length));
      at += waiting.items.length;
    }
  }

  private async applyAlone(waiting: Waiting<I, O>): Promise<void> {
    try {
      waiting.resolve(await this.apply(waiting.items));
    } catch (error) {
      waiting.reject(error);
    }
  }
}
