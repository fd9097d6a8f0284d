interface IdLog {
  readonly order: number[];
  readonly positions: Map<number, number>;
}

/**
 * An immutable set of ids that only grows, adding in O(1): the sets of one lineage share an append-only log
 * and each sees its first `size` ids. Adding to a set that is not the log's newest copies what it sees first,
 * so no set ever changes once made.
 */
export class GrowOnlyIdSet implements Iterable<number> {
  private constructor(
    private readonly log: IdLog,
    readonly size: number,
  ) {}

  static empty(): GrowOnlyIdSet {
    return new GrowOnlyIdSet({ order: [], positions: new Map() }, 0);
  }

  static of(ids: Iterable<number>): GrowOnlyIdSet {
    let set = GrowOnlyIdSet.empty();
    for (const id of ids) set = set.with(id);
    return set;
  }

  has(id: number): boolean {
    const position = this.log.positions.get(id);
    return position !== undefined && position < this.size;
  }

  with(id: number): GrowOnlyIdSet {
    if (this.has(id)) return this;
    const log = this.log.order.length === this.size ? this.log : this.ownCopy();
    log.order.push(id);
    log.positions.set(id, this.size);
    return new GrowOnlyIdSet(log, this.size + 1);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.size; i++) yield this.log.order[i];
  }

  toJSON(): number[] {
    return [...this];
  }

  private ownCopy(): IdLog {
    const order = this.log.order.slice(0, this.size);
    return { order, positions: new Map(order.map((id, position) => [id, position])) };
  }
}
