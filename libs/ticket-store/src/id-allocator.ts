import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/platform/db/database';

type Sequence = 'ticket_id_seq' | 'message_id_seq' | 'attachment_id_seq';

/** Message ids are taken this many at a time: a reply then costs no round trip for its id. */
export const MESSAGE_ID_BLOCK = 100;

/**
 * Integer ids from database sequences, allocated before the decider runs so that it stays pure. Message ids
 * come from a block held in memory: unique and increasing within this process; `above` gives one above an id
 * another instance used, since a block taken now is above every id taken before it.
 */
@Injectable()
export class IdAllocator {
  private block: number[] = [];
  private refill?: Promise<void>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async next(sequence: Sequence): Promise<number> {
    if (sequence !== 'message_id_seq') return this.nextval(sequence);
    while (this.block.length === 0) {
      this.refill ??= this.takeBlock()
        .then((ids) => void (this.block = ids))
        .finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.block.shift()!;
  }

  /** An id above `floor`, an id taken before by any instance: from the block held when it goes that high. */
  async above(sequence: Sequence, floor: number): Promise<number> {
    if (sequence !== 'message_id_seq') return this.nextval(sequence);
    while (this.block.length > 0 && this.block[0] <= floor) this.block.shift();
    if (this.block.length > 0) return this.block.shift()!;
    // a block taken now is above every id taken before
    const [id, ...rest] = await this.takeBlock();
    this.block = rest;
    return id;
  }

  private async takeBlock(): Promise<number[]> {
    // other sessions may take ids meanwhile, so the block is the ids returned, not a range
    const { rows } = await this.pool.query<{ ids: string[] }>(
      `SELECT array_agg(nextval('message_id_seq')) AS ids FROM generate_series(1, $1)`,
      [MESSAGE_ID_BLOCK],
    );
    return rows[0].ids.map(Number).sort((a, b) => a - b);
  }

  private nextval(sequence: Sequence): Promise<number> {
    return this.pool
      .query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)
      .then(({ rows }) => Number(rows[0].id));
  }
}
